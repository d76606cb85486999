import { InputError } from '../errors.js';

/** Hive partition values of one listing: the observation date and the two-letter state. */
export interface PartitionValues {
  dt: string;
  state: string;
}

/**
 * What a raw object is named after: the Kafka batch it came from and the day it holds. listings_raw is
 * partitioned by dt only (one object per invocation and day holds every state; `state` is a column).
 */
export interface RawObjectKeyParts {
  dt: string;
  topic: string;
  partition: number;
  firstOffset: number;
  lastOffset: number;
}

/** Store key prefix of the listings_raw table. */
export const RAW_LISTINGS_PREFIX = 'raw/listings/';

// Offsets are padded to this width so keys of one topic partition sort in offset order (up to 10^12).
const OFFSET_DIGITS = 12;
const RAW_DAY_SEGMENT = /^dt=([^/]*)\/$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const STATE_PATTERN = /^[A-Z]{2}$/;
// Kafka's rule for topic names: 1 to 249 of [a-zA-Z0-9._-], and not '.' or '..'.
const TOPIC_PATTERN = /^[a-zA-Z0-9._-]{1,249}$/;
const TABLE_PREFIX_PATTERN = /^(?:[A-Za-z0-9_=.-]+\/)+$/;
const RAW_KEY_PATTERN = /^(.+)-p(\d+)-o(\d+)-(\d+)\.parquet$/;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** True when `value` is a real proleptic-Gregorian calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= (monthDays[month - 1] ?? 0);
}

/** True when `value` is exactly two uppercase ASCII letters. */
export function isStateCode(value: unknown): value is string {
  return typeof value === 'string' && STATE_PATTERN.test(value);
}

/** The checked partition values of a record; throws InputError when dt or state could not be a path segment. */
export function partitionValues(record: { readonly dt: string; readonly state: string }): PartitionValues {
  if (!isCalendarDate(record.dt)) {
    throw new InputError(
      `partition value dt ${shown(record.dt)} is not a real calendar date YYYY-MM-DD; derive dt from the record's observed_at (UTC) before writing it`,
    );
  }
  if (!isStateCode(record.state)) {
    throw new InputError(
      `partition value state ${shown(record.state)} is not two uppercase letters; normalise state_code to its USPS code (e.g. "CA") before writing it`,
    );
  }
  return { dt: record.dt, state: record.state };
}

function checkTablePrefix(tablePrefix: string): void {
  const segments = tablePrefix.split('/').slice(0, -1);
  if (!TABLE_PREFIX_PATTERN.test(tablePrefix) || segments.some((s) => s === '.' || s === '..')) {
    throw new InputError(
      `table prefix ${shown(tablePrefix)} is not a clean relative key prefix; use segments of [A-Za-z0-9_=.-] each ending in "/", e.g. "raw/listings/"`,
    );
  }
}

/** The Hive-style key prefix of a partition: `<tablePrefix>dt=YYYY-MM-DD/state=XX/`. */
export function partitionPrefix(tablePrefix: string, values: PartitionValues): string {
  checkTablePrefix(tablePrefix);
  const { dt, state } = partitionValues(values);
  return `${tablePrefix}dt=${dt}/state=${state}/`;
}

/** The partition values of a key or prefix under `tablePrefix`, or undefined when it is not one of its partitions. */
export function parsePartitionPrefix(tablePrefix: string, keyOrPrefix: string): PartitionValues | undefined {
  if (!keyOrPrefix.startsWith(tablePrefix)) return undefined;
  const [dtSegment, stateSegment] = keyOrPrefix.slice(tablePrefix.length).split('/');
  const dt = dtSegment?.startsWith('dt=') ? dtSegment.slice(3) : undefined;
  const state = stateSegment?.startsWith('state=') ? stateSegment.slice(6) : undefined;
  if (!isCalendarDate(dt) || !isStateCode(state)) return undefined;
  return { dt, state };
}

/** The key prefix of one listings_raw partition: `raw/listings/dt=YYYY-MM-DD/`. */
export function rawPartitionPrefix(dt: string): string {
  if (!isCalendarDate(dt)) {
    throw new InputError(
      `partition value dt ${shown(dt)} is not a real calendar date YYYY-MM-DD; derive dt from the record's observed_at (UTC) before writing it`,
    );
  }
  return `${RAW_LISTINGS_PREFIX}dt=${dt}/`;
}

/** The day of a listings_raw key or prefix (`raw/listings/dt=YYYY-MM-DD/...`), or undefined for anything else. */
export function parseRawPartitionPrefix(keyOrPrefix: string): string | undefined {
  if (!keyOrPrefix.startsWith(RAW_LISTINGS_PREFIX)) return undefined;
  const rest = keyOrPrefix.slice(RAW_LISTINGS_PREFIX.length);
  const match = RAW_DAY_SEGMENT.exec(rest.slice(0, rest.indexOf('/') + 1));
  return match && isCalendarDate(match[1]) ? match[1] : undefined;
}

function checkKeyParts(parts: RawObjectKeyParts): void {
  const { topic, partition, firstOffset, lastOffset } = parts;
  if (typeof topic !== 'string' || !TOPIC_PATTERN.test(topic) || topic === '.' || topic === '..') {
    throw new InputError(
      `topic ${shown(topic)} is not a legal Kafka topic name; use 1 to 249 characters of [a-zA-Z0-9._-]`,
    );
  }
  if (!Number.isInteger(partition) || partition < 0 || partition > 2 ** 31 - 1) {
    throw new InputError(`Kafka partition ${shown(partition)} is not an integer from 0 to 2^31-1`);
  }
  for (const offset of [firstOffset, lastOffset]) {
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new InputError(`Kafka offset ${shown(offset)} is not a non-negative safe integer`);
    }
  }
  if (firstOffset > lastOffset) {
    throw new InputError(
      `offset range ${firstOffset}-${lastOffset} is reversed; pass the batch's first offset first`,
    );
  }
}

/** The deterministic key of a batch's raw object: a retried batch writes the same key and overwrites itself. */
export function rawObjectKey(parts: RawObjectKeyParts): string {
  checkKeyParts(parts);
  const prefix = rawPartitionPrefix(parts.dt);
  const first = String(parts.firstOffset).padStart(OFFSET_DIGITS, '0');
  const last = String(parts.lastOffset).padStart(OFFSET_DIGITS, '0');
  return `${prefix}${parts.topic}-p${parts.partition}-o${first}-${last}.parquet`;
}

/** The parts of a canonical raw object key, or undefined when the key is not one `rawObjectKey` would build. */
export function parseRawObjectKey(key: string): RawObjectKeyParts | undefined {
  const dt = parseRawPartitionPrefix(key);
  if (dt === undefined) return undefined;
  const name = key.slice(rawPartitionPrefix(dt).length);
  const match = RAW_KEY_PATTERN.exec(name);
  if (!match) return undefined;
  const parts: RawObjectKeyParts = {
    topic: match[1] ?? '',
    partition: Number(match[2]),
    firstOffset: Number(match[3]),
    lastOffset: Number(match[4]),
    dt,
  };
  try {
    return rawObjectKey(parts) === key ? parts : undefined;
  } catch {
    // Not canonical (bad topic, unsafe offset, reversed range): not a key this module built.
    return undefined;
  }
}
