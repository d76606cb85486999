import {
  isCalendarDate,
  isStateCode,
  type PartitionValues,
  partitionValues,
} from '../domain/partition-path.js';
import { US_STATE_CODES } from '../domain/us-state-codes.js';
import { InputError } from '../errors.js';

/** One state of a compaction's scope: every raw day of `state` from `fromDt` on is compacted again. */
export interface ScopeEntry {
  state: string;
  fromDt: string;
}

/** What compaction needs to know of a stored object. */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: number;
}

const PARTITION_ARGUMENT = /^dt=([^/]*)\/state=([^/]*)$/;

/**
 * The scope that keeps listings_history's change columns right: for each state, every raw day from its
 * earliest changed day on. A late record for an old day changes the "previous day" of the days after it,
 * so those are recompacted too. Sorted by state.
 */
export function compactionScope(changed: readonly PartitionValues[]): ScopeEntry[] {
  const fromDt = new Map<string, string>();
  for (const partition of changed) {
    const { dt, state } = partitionValues(partition);
    const current = fromDt.get(state);
    if (current === undefined || dt < current) fromDt.set(state, dt);
  }
  return [...fromDt]
    .map(([state, from]) => ({ state, fromDt: from }))
    .sort((a, b) => (a.state < b.state ? -1 : a.state > b.state ? 1 : 0));
}

/** The Monday (UTC) of the week of day `dt` ('YYYY-MM-DD'), as market_weekly.sql's date_trunc('week') gives it. */
export function weekStartOf(dt: string): string {
  const day = new Date(`${dt}T00:00:00Z`);
  // getUTCDay: Sunday 0 ... Saturday 6; weeks start on Monday.
  const back = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** True when a history day of `partition` is in the week of its state's fromDt, before fromDt (market_weekly reads it). */
export function isInFirstWeek(scope: readonly ScopeEntry[], partition: PartitionValues): boolean {
  return scope.some(
    (entry) =>
      entry.state === partition.state &&
      partition.dt < entry.fromDt &&
      partition.dt >= weekStartOf(entry.fromDt),
  );
}

/**
 * True when the scope rebuilds the week partition `partition` of a weekly gold table (dt = a Monday): its
 * state is in scope and the week is fromDt's or later. A run owns those weeks, also the ones it found empty.
 */
export function isWeekInScope(scope: readonly ScopeEntry[], partition: PartitionValues): boolean {
  return scope.some((entry) => entry.state === partition.state && partition.dt >= weekStartOf(entry.fromDt));
}

/** True when the scope recompacts `partition` ('YYYY-MM-DD' strings compare in date order). */
export function isInScope(scope: readonly ScopeEntry[], partition: PartitionValues): boolean {
  return scope.some((entry) => entry.state === partition.state && partition.dt >= entry.fromDt);
}

/** Hive partition keys compaction tables use, each checked the way its raw counterpart is. */
export type PartitionKeyName = 'dt' | 'state';
const KEY_CHECKS: Record<PartitionKeyName, (value: string) => boolean> = {
  dt: isCalendarDate,
  state: isStateCode,
};

/**
 * The partition values (in `keys` order) of a table's data file `<prefix>k1=v1/.../name.parquet`, or
 * undefined for anything else: hidden or temp files, files outside a partition, values that are not valid.
 */
export function dataFileValues(
  tablePrefix: string,
  keys: readonly PartitionKeyName[],
  key: string,
): string[] | undefined {
  if (!key.startsWith(tablePrefix)) return undefined;
  const segments = key.slice(tablePrefix.length).split('/');
  const name = segments.pop();
  // Hive's rule, which Spark and Athena follow: names starting with '_' or '.' are not data.
  if (
    segments.length !== keys.length ||
    name === undefined ||
    /^[_.]/.test(name) ||
    !name.endsWith('.parquet')
  ) {
    return undefined;
  }
  const values: string[] = [];
  for (const [index, keyName] of keys.entries()) {
    const segment = segments[index] ?? '';
    const value = segment.slice(keyName.length + 1);
    if (!segment.startsWith(`${keyName}=`) || !KEY_CHECKS[keyName](value)) return undefined;
    values.push(value);
  }
  return values;
}

/** The dt/state partition of a data file of a table partitioned like listings_raw. */
export function dataFilePartition(tablePrefix: string, key: string): PartitionValues | undefined {
  const values = dataFileValues(tablePrefix, ['dt', 'state'], key);
  return values && { dt: values[0] ?? '', state: values[1] ?? '' };
}

/** The day of a listings_raw data file `<prefix>dt=YYYY-MM-DD/name.parquet`, or undefined for anything else. */
export function rawFileDay(tablePrefix: string, key: string): string | undefined {
  return dataFileValues(tablePrefix, ['dt'], key)?.[0];
}

/**
 * The raw partitions to recompact for the raw data files written after `watermarkMs` (every file when there
 * is no watermark yet). listings_raw is partitioned by day only and a day's objects hold every state, so a
 * changed day changes every state: the answer is every state code at the earliest changed day, which
 * compactionScope turns into "every state from that day on". Empty when nothing changed.
 */
export function changedPartitions(
  objects: readonly ObjectInfo[],
  tablePrefix: string,
  watermarkMs: number | undefined,
): PartitionValues[] {
  let earliest: string | undefined;
  for (const object of objects) {
    if (watermarkMs !== undefined && object.lastModified <= watermarkMs) continue;
    const dt = rawFileDay(tablePrefix, object.key);
    if (dt !== undefined && (earliest === undefined || dt < earliest)) earliest = dt;
  }
  if (earliest === undefined) return [];
  const dt = earliest;
  return [...US_STATE_CODES].sort().map((state) => ({ dt, state }));
}

/** True when the scope reads raw day `dt` (some state is recompacted from it or an earlier day). */
export function isRawDayInScope(scope: readonly ScopeEntry[], dt: string): boolean {
  return scope.some((entry) => dt >= entry.fromDt);
}

/**
 * Rows per curated file so that files come out at about `targetFileBytes`, estimated from the input's
 * bytes per row (raw files carry more overhead per row, so curated files land at or under the target).
 * Both engines apply this same formula, so they split partitions alike.
 */
export function rowsPerFile(targetFileBytes: number, inputBytes: number, inputRows: number): number {
  if (!Number.isSafeInteger(targetFileBytes) || targetFileBytes < 1) {
    throw new InputError(
      `target file size ${targetFileBytes} is not a positive whole number of bytes; use e.g. 134217728 (128 MB)`,
    );
  }
  if (inputRows <= 0 || inputBytes <= 0) return Number.MAX_SAFE_INTEGER;
  return Math.max(1, Math.floor(targetFileBytes / (inputBytes / inputRows)));
}

/** `dt=YYYY-MM-DD/state=XX` entries joined by commas: how partitions are passed to the Spark job. */
export function formatPartitionList(partitions: readonly PartitionValues[]): string {
  return partitions.map((p) => `dt=${p.dt}/state=${p.state}`).join(',');
}

/** Reads a list written by formatPartitionList (or typed by a user); throws InputError naming a bad entry. */
export function parsePartitionList(text: string): PartitionValues[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const match = PARTITION_ARGUMENT.exec(entry);
    if (!match) {
      throw new InputError(
        `partition ${JSON.stringify(entry)} is not written dt=YYYY-MM-DD/state=XX; separate several with commas`,
      );
    }
    return partitionValues({ dt: match[1] ?? '', state: match[2] ?? '' });
  });
}
