// Trino's text of a timestamp: 'YYYY-MM-DD HH:MM:SS[.f…]', zoned ones followed by ' UTC', ' +01:00' or a zone id.
const TIMESTAMP = /^(-?\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,12}))?(?: (\S+))?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/**
 * A Trino timestamp as the DuckDB adapter writes one: ISO-8601 with 3 fraction digits, 6 (or 9, 12) when the
 * smaller units are not zero; a zoned timestamp as its UTC instant with 'Z'. Unparseable text comes back as is.
 */
export function isoFromTrinoTimestamp(text: string, zoned: boolean): string {
  const match = TIMESTAMP.exec(text);
  if (!match) return text;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  const wallMs = utcMs([year, month, day, hour, minute, second].map(Number), fraction.slice(0, 3));
  const offsetMinutes = zoned ? zoneOffsetMinutes(zone ?? 'UTC', wallMs) : 0;
  if (wallMs === undefined || offsetMinutes === undefined) return text;
  const instant = new Date(wallMs - offsetMinutes * 60_000);
  if (Number.isNaN(instant.getTime())) return text;
  const iso = instant.toISOString().slice(0, -1);
  return `${iso}${smallerUnits(fraction.slice(3))}${zoned ? 'Z' : ''}`;
}

function utcMs(parts: number[], millis: string): number | undefined {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number(millis.padEnd(3, '0')));
  const ms = date.getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** Digits below the millisecond, in whole groups of three, without trailing zero groups. */
function smallerUnits(digits: string): string {
  const padded = digits.padEnd(Math.ceil(digits.length / 3) * 3, '0');
  return padded.replace(/(000)+$/, '');
}

/** Minutes the zone is ahead of UTC at a wall-clock time, or undefined for a zone this runtime does not know. */
function zoneOffsetMinutes(zone: string, wallMs: number | undefined): number | undefined {
  if (zone === 'UTC' || zone === 'Z') return 0;
  const fixed = OFFSET.exec(zone);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
  if (wallMs === undefined) return undefined;
  // A zone id: the offset at the instant the wall clock names, found in two steps (the first guess may sit on
  // the other side of a DST change). In the repeated hour of a fall-back the text itself is ambiguous.
  const guess = offsetAt(zone, wallMs);
  return guess === undefined ? undefined : offsetAt(zone, wallMs - guess * 60_000);
}

function offsetAt(zone: string, instantMs: number): number | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    }).formatToParts(new Date(instantMs));
  } catch {
    return undefined; // RangeError: a zone id this runtime's time zone database does not have
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const era = parts.find((part) => part.type === 'era')?.value;
  const year = era === 'BC' ? 1 - get('year') : get('year');
  const wall = utcMs([year, get('month'), get('day'), get('hour'), get('minute'), get('second')], '0');
  if (wall === undefined) return undefined;
  return Math.round((wall - (instantMs - (((instantMs % 1000) + 1000) % 1000))) / 60_000);
}
