// ISO 8601 / RFC 3339 date-times as the Realtor API writes them: `2024-02-15T04:07:56.000000Z` (v3, microseconds),
// `2021-04-06T05:46:49Z` (realtor.com), `2001-01-12` (last_sold_date). The accepted grammar is
//   YYYY-MM-DD [ ('T'|' ') hh:mm [ :ss [ .f{1,9} ] ] [ 'Z' | ±hh [ [:]mm ] ] ]
// and a time without a zone is read as UTC. Read character by character: this runs twice per listing.

const MS_PER_DAY = 86_400_000;
// Character codes of the grammar.
const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const PLUS = 0x2b;
const MINUS = 0x2d;
const SPACE = 0x20;
const T = 0x54;
const Z = 0x5a;

/** Epoch milliseconds of an ISO 8601 date or date-time, or null when the text is not a real instant. */
export function parseIsoInstant(text: string): number | null {
  if (text.length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const midnight = utcMs(year, month, day);
  if (text.length === 10) return midnight;
  const time = timeOfDayMs(text);
  return time === null ? null : midnight + time;
}

/** Milliseconds since midnight UTC of the time part starting at index 10, zone applied; null when malformed. */
function timeOfDayMs(text: string): number | null {
  const end = text.length;
  const sep = text.charCodeAt(10);
  if ((sep !== T && sep !== SPACE) || text.charCodeAt(13) !== COLON) return null;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  let second = 0;
  let ms = 0;
  let i = 16;
  if (text.charCodeAt(i) === COLON) {
    second = digitsAt(text, i + 1, 2);
    i += 3;
    if (text.charCodeAt(i) === DOT) {
      const fractionEnd = digitRunEnd(text, i + 1, 9);
      if (fractionEnd === i + 1) return null;
      // Fractions beyond milliseconds are truncated: the record keeps epoch milliseconds.
      const msDigits = Math.min(fractionEnd - (i + 1), 3);
      ms = digitsAt(text, i + 1, msDigits) * 10 ** (3 - msDigits);
      i = fractionEnd;
    }
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const offset = i === end ? 0 : zoneOffsetMinutes(text, i);
  if (offset === null) return null;
  return ((hour * 60 + minute - offset) * 60 + second) * 1000 + ms;
}

function zoneOffsetMinutes(text: string, i: number): number | null {
  const sign = text.charCodeAt(i);
  if (sign === Z) return i + 1 === text.length ? 0 : null;
  if (sign !== PLUS && sign !== MINUS) return null;
  const hours = digitsAt(text, i + 1, 2);
  const rest = text.length - (i + 3);
  const minutesAt =
    rest === 3 && text.charCodeAt(i + 3) === COLON ? i + 4 : rest === 2 ? i + 3 : rest === 0 ? -1 : -2;
  if (minutesAt === -2) return null;
  const minutes = minutesAt === -1 ? 0 : digitsAt(text, minutesAt, 2);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  return (sign === MINUS ? -1 : 1) * (hours * 60 + minutes);
}

/** The number written by `count` digits at `start`, or -1 when any of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (!(code >= 48 && code <= 57)) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

/** Index after a run of at most `max` digits starting at `start`. */
function digitRunEnd(text: string, start: number, max: number): number {
  let i = start;
  while (i < start + max && i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i;
}

function utcMs(year: number, month: number, day: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day);
  // Date.UTC maps years 0-99 to 1900-1999, and 1900 has no February 29 that year 0 has: set all three.
  return new Date(0).setUTCFullYear(year, month - 1, day);
}

/** 'YYYY-MM-DD' of an ISO date or date-time (its UTC day), or null when it is not a real date. */
export function calendarDateOf(text: string): string | null {
  const ms = parseIsoInstant(text);
  if (ms === null) return null;
  return text.length === 10 ? text : utcDateOf(ms);
}

/** The UTC calendar day of an instant, 'YYYY-MM-DD'. */
export function utcDateOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The UTC calendar year of an instant, by arithmetic (Howard Hinnant's civil_from_days), without a Date. */
export function utcYearOf(epochMs: number): number {
  const z = Math.floor(epochMs / MS_PER_DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  // The era's years start on March 1st: January and February belong to the next civil year.
  const marchBasedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  return yearOfEra + era * 400 + (marchBasedMonth >= 10 ? 1 : 0);
}

/** Whole days between two instants, rounded down. */
export function wholeDaysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / MS_PER_DAY);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
