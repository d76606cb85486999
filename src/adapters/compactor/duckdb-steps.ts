import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildCompactionManifest, type CompactionManifest } from '../../compaction/compaction-manifest.js';
import type { ObjectInfo, ScopeEntry } from '../../compaction/compaction-scope.js';
import { LISTING_COLUMNS, RAW_PARTITION_KEYS } from '../../domain/listing-record.js';
import { CompactionError } from '../../errors.js';
import {
  currentTableDefinition,
  historyTableDefinition,
  marketWeeklyTableDefinition,
} from '../../pipeline/curated-tables.js';
import { listingOutcomesTableDefinition } from '../../pipeline/listing-outcomes-table.js';
import type { CatalogColumn, TableDefinition } from '../../ports/catalog.js';
import type { CompactionRequest } from '../../ports/compactor.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { CompactionInputs } from './compaction-inputs.js';
import { SPEC_RELATIONS as R } from './compaction-sql.js';
import { absentColumns } from './curated-file-columns.js';
import { copyPartitionedSql, parquetViewSql, partitionCountsSql, scopeViewSql } from './duckdb-relations.js';
import type { SqlSession } from './duckdb-session.js';
import { type StagedPartition, stagedPartitions } from './staged-partitions.js';

/** One DuckDB run: what was asked, what it reads, where it stages. */
export interface DuckDbRun {
  request: CompactionRequest;
  scope: ScopeEntry[];
  inputs: CompactionInputs;
  staging: string;
}

/** One curated table staged for the commit, with its rows per partition. */
export interface StagedTable {
  table: TableDefinition;
  partitions: StagedPartition[];
  rows: Map<string, number>;
}

// listings_raw is partitioned by dt only: state is read from the file, dt from the path.
const RAW_COLUMNS = [...LISTING_COLUMNS, { name: 'state', type: 'string' } as const].map(
  ({ name, type }) => ({
    name,
    type,
  }),
);
const RAW_KEYS = RAW_PARTITION_KEYS.map(({ name, type }) => ({ name, type }));
// All listings_history.sql reads of the history rows it redoes: the listing's day before the scope.
const REDONE_COLUMNS = new Set([
  'property_id',
  'dt',
  'previous_dt',
  'previous_list_price',
  'previous_status',
  'list_price_change',
  'price_cuts',
  'price_cut_total',
  'first_cut_dt',
  'first_contract_dt',
]);
// All market_weekly.sql reads of the stored week before the scope: columns every market_weekly file has.
const WEEK_BEFORE_COLUMNS = new Set([
  'city',
  'postal_code',
  'week_start',
  'median_list_price',
  'median_price_per_sqft',
  'active_listings',
  'median_days_on_market',
]);
// Partitions one COPY writes at once (each holds an open Parquet writer).
export const PARTITIONS_PER_COPY = 64;
// Downloads from a remote store in flight at once.
const DOWNLOADS_IN_FLIGHT = 16;

export function totalSize(objects: readonly { size: number }[]): number {
  return objects.reduce((total, object) => total + object.size, 0);
}

/**
 * Paths DuckDB can read the objects at: the store's own for a local directory; for a remote store (S3),
 * copies under `staging`, so DuckDB needs no credentials of its own.
 */
async function localPaths(
  store: ObjectStore,
  objects: readonly ObjectInfo[],
  staging: string,
): Promise<string[]> {
  const paths: string[] = [];
  for (let start = 0; start < objects.length; start += DOWNLOADS_IN_FLIGHT) {
    const chunk = objects.slice(start, start + DOWNLOADS_IN_FLIGHT).map(async ({ key }) => {
      const uri = store.uri(key);
      if (path.isAbsolute(uri)) return uri;
      const body = await store.get(key);
      if (!body) throw new CompactionError(`${uri} disappeared while compacting; run the compaction again`);
      const copy = path.join(staging, 'input', ...key.split('/'));
      await mkdir(path.dirname(copy), { recursive: true });
      await writeFile(copy, body);
      return copy;
    });
    paths.push(...(await Promise.all(chunk)));
  }
  return paths;
}

/**
 * Defines the relations the spec reads: compaction_scope, raw_listings, history_redone, history_week_before,
 * current_before, weekly_before.
 * Resolves with the local paths of the raw files.
 */
export async function defineInputs(
  session: SqlSession,
  store: ObjectStore,
  run: DuckDbRun,
): Promise<string[]> {
  const { inputs, staging, request } = run;
  const history = historyTableDefinition(request.database);
  const current = currentTableDefinition(request.database);
  const redoneColumns = history.columns.filter((column) => REDONE_COLUMNS.has(column.name));
  const raw = await localPaths(store, inputs.raw, staging);
  const historyFiles = await localPaths(store, inputs.historyRedone, staging);
  const weekFiles = await localPaths(store, inputs.historyWeekBefore, staging);
  const currentFiles = await localPaths(store, inputs.currentBefore, staging);
  const weeklyFiles = await localPaths(store, inputs.marketWeeklyBefore, staging);
  const weekly = marketWeeklyTableDefinition(request.database);
  const weeklyColumns = weekly.columns.filter((column) => WEEK_BEFORE_COLUMNS.has(column.name));
  await session.run(scopeViewSql(R.scope, run.scope), 'defining the scope');
  await session.run(parquetViewSql(R.raw, raw, RAW_COLUMNS, RAW_KEYS), 'reading listings_raw');
  await curatedView(
    session,
    R.historyRedone,
    historyFiles,
    redoneColumns,
    history,
    'reading listings_history',
  );
  await curatedView(
    session,
    R.historyWeekBefore,
    weekFiles,
    history.columns,
    history,
    'reading listings_history',
  );
  await curatedView(
    session,
    R.currentBefore,
    currentFiles,
    current.columns,
    current,
    'reading listings_current',
  );
  await session.run(
    parquetViewSql(R.weeklyBefore, weeklyFiles, weeklyColumns, weekly.partitionKeys),
    'reading market_weekly',
  );
  await defineOutcomeInputs(session, store, run, weeklyFiles);
  return raw;
}

/**
 * A view over curated files with the table's `columns`; a column none of the files has (written before the
 * column was added) reads as null.
 */
async function curatedView(
  session: SqlSession,
  view: string,
  files: readonly string[],
  columns: readonly CatalogColumn[],
  table: TableDefinition,
  what: string,
): Promise<void> {
  const absent = await absentColumns(session, files, columns);
  await session.run(parquetViewSql(view, files, columns, table.partitionKeys, absent), what);
}

/**
 * Defines what listing_outcomes.sql reads besides the new rows: market_weekly_before (over `weekFiles`, the
 * market_weekly files weekly_before reads, fetched once) and outcomes_before.
 */
async function defineOutcomeInputs(
  session: SqlSession,
  store: ObjectStore,
  run: DuckDbRun,
  weekFiles: readonly string[],
): Promise<void> {
  const weekly = marketWeeklyTableDefinition(run.request.database);
  const outcomes = listingOutcomesTableDefinition(run.request.database);
  const outcomeFiles = await localPaths(store, run.inputs.outcomesBefore, run.staging);
  await curatedView(
    session,
    R.marketWeeklyBefore,
    weekFiles,
    weekly.columns,
    weekly,
    'reading market_weekly',
  );
  await curatedView(
    session,
    R.outcomesBefore,
    outcomeFiles,
    outcomes.columns,
    outcomes,
    'reading listing_outcomes',
  );
}

/**
 * Writes a built relation into `dir` as the table's partitions and counts its rows per partition. A
 * partitioned COPY keeps a writer open per partition (measured: 924 partitions, a backfill of 77 days of
 * 12 states, ran out of 512 MB), so partitions are written PARTITIONS_PER_COPY at a time.
 */
export async function stageTable(
  session: SqlSession,
  table: TableDefinition,
  relation: string,
  rowsPerFile: number,
  dir: string,
): Promise<StagedTable> {
  const what = `writing ${table.name}`;
  const rows = new Map<string, number>();
  for (const row of await session.rows(partitionCountsSql(relation, table.partitionKeys), what)) {
    rows.set(row.slice(0, -1).join('/'), Number(row.at(-1)));
  }
  // Nothing to write (e.g. listing_outcomes of a scope with rentals only): no directory to read back either.
  if (rows.size === 0) return { table, partitions: [], rows };
  const ids = [...rows.keys()];
  const split = { rowsPerFile, oneFileEach: Math.max(0, ...rows.values()) <= rowsPerFile };
  for (let start = 0; start < ids.length; start += PARTITIONS_PER_COPY) {
    const only = ids.slice(start, start + PARTITIONS_PER_COPY);
    await session.run(
      copyPartitionedSql(relation, table.columns, table.partitionKeys, split, dir, only),
      what,
    );
  }
  const keys = table.partitionKeys.map((key) => key.name as 'dt' | 'state');
  // No rows (a run without a price change): the COPY wrote no directory.
  if (ids.length === 0) return { table, partitions: [], rows };
  return { table, partitions: await stagedPartitions(dir, table.location, keys), rows };
}

/** The manifest of a finished DuckDB run. */
export function duckDbManifest(
  run: DuckDbRun,
  built: { staged: StagedTable[]; rows: number; observations: number; rowsPerFile: number },
  times: { startedAt: string; finishedAt: string },
): CompactionManifest {
  const { request, inputs, scope } = run;
  return buildCompactionManifest({
    runId: request.runId,
    engine: 'duckdb',
    database: request.database,
    ...times,
    watermarkMs: request.watermarkMs,
    targetFileBytes: request.targetFileBytes,
    rowsPerFile: built.rowsPerFile,
    scope,
    input: {
      partitions: inputs.rawPartitions,
      files: inputs.raw.length,
      bytes: totalSize(inputs.raw),
      rows: built.rows,
      observations: built.observations,
    },
    tables: built.staged.map(({ table, partitions, rows }) => ({
      name: table.name,
      location: table.location,
      partitionKeys: table.partitionKeys.map((key) => key.name),
      partitions: partitions.map((partition) => ({
        values: partition.values,
        location: partition.location,
        files: partition.files.length,
        bytes: totalSize(partition.files.map((file) => ({ size: file.bytes }))),
        rows: rows.get(partition.values.join('/')) ?? 0,
      })),
    })),
  });
}
