import {
  dataFilePartition,
  dataFileValues,
  isInFirstWeek,
  isInScope,
  isRawDayInScope,
  type ObjectInfo,
  rawFileDay,
  type ScopeEntry,
  weekStartOf,
} from '../../compaction/compaction-scope.js';
import { isContextWeek } from '../../compaction/market-context-week.js';
import { RAW_LISTINGS_PREFIX } from '../../domain/partition-path.js';
import {
  CURRENT_TABLE_PREFIX,
  HISTORY_TABLE_PREFIX,
  MARKET_WEEKLY_TABLE_PREFIX,
} from '../../pipeline/curated-tables.js';
import { OUTCOMES_TABLE_PREFIX } from '../../pipeline/listing-outcomes-table.js';
import type { ObjectStore } from '../../ports/object-store.js';

/** The files one run reads: raw data in scope, and the curated rows the spec needs as context. */
export interface CompactionInputs {
  /** Raw data files of the scope's days (listings_raw is partitioned by dt only). */
  raw: ObjectInfo[];
  /** listings_history files of the scope's states at or after each state's fromDt (the days redone). */
  historyRedone: ObjectInfo[];
  /** listings_history files of the scope's states in the week of fromDt, before it (market_weekly's week). */
  historyWeekBefore: ObjectInfo[];
  /** listings_current files of the scope's states. */
  currentBefore: ObjectInfo[];
  /** Raw partitions (days) the raw files belong to. */
  rawPartitions: number;
  /** market_weekly files of the scope's states of the week before each state's fromDt week (listing_outcomes' context). */
  marketWeeklyBefore: ObjectInfo[];
  /** listing_outcomes files of the scope's states. */
  outcomesBefore: ObjectInfo[];
}

async function listAll(store: ObjectStore, prefix: string): Promise<ObjectInfo[]> {
  const objects: ObjectInfo[] = [];
  for await (const object of store.list(prefix)) objects.push(object);
  return objects;
}

const DAY_MS = 86_400_000;
// Past this many days a run lists the whole history table: one paged listing costs less than a request a day.
const HISTORY_DAYS_BY_PREFIX = 62;

/**
 * The listings_history files a run can read (its states' days from the Monday of each fromDt's week on), listed
 * day by day up to the latest raw day in scope, every history day having come from a raw day: listing the whole
 * table grew with its history (1,128 files took 535 ms on a local directory, 120 took 40 ms).
 */
async function listHistory(store: ObjectStore, scope: readonly ScopeEntry[], rawDays: Set<string>) {
  if (scope.length === 0) return [];
  const first = scope.map((entry) => weekStartOf(entry.fromDt)).sort()[0] ?? '';
  const last = [...rawDays].sort().at(-1);
  const days =
    last === undefined ? Number.POSITIVE_INFINITY : (Date.parse(last) - Date.parse(first)) / DAY_MS + 1;
  if (!(days <= HISTORY_DAYS_BY_PREFIX)) return listAll(store, HISTORY_TABLE_PREFIX);
  const objects: ObjectInfo[] = [];
  for (let day = 0; day < days; day += 1) {
    const dt = new Date(Date.parse(first) + day * DAY_MS).toISOString().slice(0, 10);
    objects.push(...(await listAll(store, `${HISTORY_TABLE_PREFIX}dt=${dt}/`)));
  }
  return objects;
}

/** Lists the store once per table and keeps what the scope needs. */
export async function listCompactionInputs(
  store: ObjectStore,
  scope: readonly ScopeEntry[],
): Promise<CompactionInputs> {
  const raw: ObjectInfo[] = [];
  const partitions = new Set<string>();
  for (const object of await listAll(store, RAW_LISTINGS_PREFIX)) {
    // A raw day's objects hold every state: the spec's join on compaction_scope keeps the states in scope.
    const dt = rawFileDay(RAW_LISTINGS_PREFIX, object.key);
    if (dt === undefined || !isRawDayInScope(scope, dt)) continue;
    raw.push(object);
    partitions.add(dt);
  }
  const historyRedone: ObjectInfo[] = [];
  const historyWeekBefore: ObjectInfo[] = [];
  for (const object of await listHistory(store, scope, partitions)) {
    const partition = dataFilePartition(HISTORY_TABLE_PREFIX, object.key);
    if (partition && isInScope(scope, partition)) historyRedone.push(object);
    else if (partition && isInFirstWeek(scope, partition)) historyWeekBefore.push(object);
  }
  const currentBefore = (await listAll(store, CURRENT_TABLE_PREFIX)).filter((object) => {
    const [state] = dataFileValues(CURRENT_TABLE_PREFIX, ['state'], object.key) ?? [];
    return scope.some((s) => s.state === state);
  });
  const marketWeeklyBefore = (await listAll(store, MARKET_WEEKLY_TABLE_PREFIX)).filter((object) => {
    const partition = dataFilePartition(MARKET_WEEKLY_TABLE_PREFIX, object.key);
    return partition !== undefined && isContextWeek(scope, partition);
  });
  const outcomesBefore = (await listAll(store, OUTCOMES_TABLE_PREFIX)).filter((object) => {
    const [state] = dataFileValues(OUTCOMES_TABLE_PREFIX, ['state'], object.key) ?? [];
    return scope.some((s) => s.state === state);
  });
  return {
    raw,
    historyRedone,
    historyWeekBefore,
    currentBefore,
    rawPartitions: partitions.size,
    marketWeeklyBefore,
    outcomesBefore,
  };
}

/**
 * Keys a killed Spark run leaves under a table root (its `.spark-staging-*` and `_temporary` trees):
 * Spark and Athena skip them, DuckDB's `**` glob does not.
 */
export async function leftoverKeys(store: ObjectStore, tablePrefix: string): Promise<string[]> {
  const keys: string[] = [];
  // Listed by their own prefixes (S3 lists keys that begin with any prefix in a general purpose bucket, see
  // the test): listing the whole table grew with its history (1,128 history files took 535 ms on a local
  // directory, twice a run with listCompactionInputs).
  for (const prefix of [`${tablePrefix}.spark-staging-`, `${tablePrefix}_temporary`]) {
    for (const object of await listAll(store, prefix)) {
      const first = object.key.slice(tablePrefix.length).split('/')[0] ?? '';
      if (first.startsWith('.spark-staging-') || first === '_temporary') keys.push(object.key);
    }
  }
  return keys;
}
