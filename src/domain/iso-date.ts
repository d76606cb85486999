// ISO 8601 / RFC 3339 date-times as the Realtor API writes them: `2024-02-15T04:07:56.000000Z` (v3, microseconds),
// `2021-04-06T05:46:49Z` (realtor.com), `2001-01-12` (last_sold_date). The accepted grammar is
//   YYYY-MM-DD [ ('T'|' ') hh:mm [ :ss [ .f{1,9} ] ] [ 'Z' | ±hh [ [:]mm ] ] ]
// and a time without a zone is read as UTC. A regular expression holds the grammar; the forms the API writes
// (a bare date, or `T` … `Z` with seconds) are first read by a character scanner (readCommonInstant) that only
// answers for a real instant and hands everything else, valid or not, to the expression. The days come from
// Howard Hinnant's days_from_civil (proleptic Gregorian, as Date's calendar), with no Date object per value.
// A property test holds both paths to a reference parser (test/unit/domain/iso-date.test.ts).

const MS_PER_DAY = 86_400_000;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;

/** Epoch milliseconds of an ISO 8601 date or date-time, or null when the text is not a real instant. */
export function parseIsoInstant(text: string): number | null {
  const common = readCommonInstant(text);
  if (!Number.isNaN(common)) return common;
  const m = ISO_DATE_TIME.exec(text);
  if (m === null) return null;
  const midnight = utcMidnight(Number(m[1]), Number(m[2]), Number(m[3]));
  if (midnight === null || m[4] === undefined) return midnight;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6])];
  const [zoneHours, zoneMinutes] = [
    m[10] === undefined ? 0 : Number(m[10]),
    m[11] === undefined ? 0 : Number(m[11]),
  ];
  if (hour > 23 || minute > 59 || second > 59 || zoneHours > 23 || zoneMinutes > 59) return null;
  const offset = (m[9] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  // Fractions beyond milliseconds are truncated: the record keeps epoch milliseconds.
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  return midnight + ((hour * 60 + minute - offset) * 60 + second) * 1000 + ms;
}

/** Epoch ms of a calendar day at 00:00 UTC, or null when the day does not exist (2023-02-29, 2026-04-31). */
function utcMidnight(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day) * MS_PER_DAY;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] as number;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic-Gregorian day, in integer arithmetic (no
// Date per value, and no Date.UTC quirk mapping years 0-99 to 1900-1999). The Parquet DATE cells use it too.
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const [DASH, COLON, DOT, UPPER_T, UPPER_Z] = [45, 58, 46, 84, 90];

/**
 * Epoch ms of `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ss[.f{1,9}]Z` when the text is exactly that and a real instant;
 * NaN for anything else (other forms, invalid days or times), which the regular expression then decides.
 */
function readCommonInstant(text: string): number {
  const n = text.length;
  if ((n !== 10 && (n < 20 || n > 30)) || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH)
    return Number.NaN;
  const century = twoDigitsAt(text, 0);
  const yearOfCentury = twoDigitsAt(text, 2);
  const month = twoDigitsAt(text, 5);
  const day = twoDigitsAt(text, 8);
  if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0) return Number.NaN;
  const midnight = utcMidnight(century * 100 + yearOfCentury, month, day);
  if (midnight === null) return Number.NaN;
  if (n === 10) return midnight;
  if (
    text.charCodeAt(10) !== UPPER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON ||
    text.charCodeAt(n - 1) !== UPPER_Z
  )
    return Number.NaN;
  const hour = twoDigitsAt(text, 11);
  const minute = twoDigitsAt(text, 14);
  const second = twoDigitsAt(text, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const ms = n === 20 ? 0 : fractionMs(text, n);
  return Number.isNaN(ms) ? ms : midnight + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Milliseconds of `.f{1,9}` between index 19 and the final `Z` (digits past the third dropped), else NaN. */
function fractionMs(text: string, n: number): number {
  if (text.charCodeAt(19) !== DOT || n === 21) return Number.NaN;
  let ms = 0;
  for (let i = 20; i < n - 1; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    if (i < 23) ms = ms * 10 + digit;
  }
  return n - 21 >= 3 ? ms : ms * (n - 21 === 1 ? 100 : 10);
}

/** The number of the two ASCII digits at `i` (the caller checked the length), or -1. */
function twoDigitsAt(text: string, i: number): number {
  const tens = text.charCodeAt(i) - 48;
  const ones = text.charCodeAt(i + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
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
