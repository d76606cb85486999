import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CompactionManifest } from '../../compaction/compaction-manifest.js';
import { compactionScope, rowsPerFile } from '../../compaction/compaction-scope.js';
import { CompactionError } from '../../errors.js';
import {
  currentTableDefinition,
  historyTableDefinition,
  marketWeeklyTableDefinition,
  priceChangesTableDefinition,
  weeklyGoldTableDefinitions,
} from '../../pipeline/curated-tables.js';
import { listingOutcomesTableDefinition } from '../../pipeline/listing-outcomes-table.js';
import { type Clock, systemClock } from '../../ports/clock.js';
import type { CompactionRequest, CompactionStep, CompactOptions, Compactor } from '../../ports/compactor.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { leftoverKeys, listCompactionInputs } from './compaction-inputs.js';
import { withCompactionLock } from './compaction-lock.js';
import { type CompactionSql, loadCompactionSql, SPEC_RELATIONS as R } from './compaction-sql.js';
import { materializeSql, rawRowCountSql } from './duckdb-relations.js';
import { openSqlSession, type SqlSession } from './duckdb-session.js';
import {
  type DuckDbRun,
  defineInputs,
  duckDbManifest,
  PARTITIONS_PER_COPY,
  type StagedTable,
  stageTable,
  totalSize,
} from './duckdb-steps.js';
import { putManifest } from './manifest-store.js';
import { progressReporter } from './progress.js';
import { replacePartitions } from './staged-partitions.js';
import { staleWeekKeys } from './stale-weeks.js';
import { stageStreamedTable } from './streamed-table.js';

export interface DuckDbCompactorOptions {
  store: ObjectStore;
  /** Lock file that keeps a second local compaction out (e.g. `<data dir>/compaction`); none when omitted. */
  lockPath?: string;
  /** Parent of the run's staging directory (the OS temp dir by default). */
  tempDir?: string;
  /** Where the spec lives (jobs/compaction by default). */
  sqlDir?: string;
  threads?: number;
  /** DuckDB's memory_limit; the compaction spills above it (DEFAULT_MEMORY_LIMIT when omitted). */
  memoryLimit?: string;
  clock?: Clock;
  /** Called with each DuckDB statement's wall time (profiling). */
  onStatement?: (what: string, ms: number) => void;
}

// Tables partitioned by week: a run owns every week of its scope, also those it found empty.
const WEEKLY_GOLD = new Set(weeklyGoldTableDefinitions('').map((table) => table.name));

/** Keeps a compaction of a national day under about 1 GB of RSS on the 2-core machine (bench/compaction.ts). */
export const DEFAULT_MEMORY_LIMIT = '512MB';

interface Built {
  staged: StagedTable[];
  rows: number;
  observations: number;
  rowsPerFile: number;
}

/** A Compactor running the spec (jobs/compaction/*.sql) in an in-memory DuckDB, committing through the store. */
export function createDuckDbCompactor(options: DuckDbCompactorOptions): Compactor {
  const { store } = options;
  const clock = options.clock ?? systemClock;

  async function build(
    session: SqlSession,
    sql: CompactionSql,
    run: DuckDbRun,
    report: (step: CompactionStep) => void,
  ): Promise<Built> {
    const { request, staging } = run;
    const rawPaths = await defineInputs(session, store, run);
    report('deduplicating');
    await session.run(materializeSql(R.observations, sql.observations), 'deduplicating');
    // Raw rows from the files' footers: raw is read once, by the deduplication.
    const [[rows, observations] = []] = await session.rows(
      `SELECT (${rawRowCountSql(rawPaths)}), (SELECT count(*) FROM ${R.observations})`,
      'counting rows',
    );
    report('history');
    await session.run(materializeSql(R.historyNew, sql.listingsHistory), 'building listings_history');
    // The gold tables first: listings_current is computed as it is written (stageStreamedTable).
    report('current');
    await session.run(materializeSql(R.marketWeeklyNew, sql.marketWeekly), 'building market_weekly');
    await session.run(materializeSql(R.priceChangesNew, sql.priceChanges), 'building price_changes');
    await session.run(materializeSql(R.listingOutcomesNew, sql.listingOutcomes), 'building listing_outcomes');
    report('writing');
    const perFile = rowsPerFile(request.targetFileBytes, totalSize(run.inputs.raw), Number(rows));
    const history = historyTableDefinition(request.database);
    const weekly = marketWeeklyTableDefinition(request.database);
    const changes = priceChangesTableDefinition(request.database);
    const staged = [
      await stageTable(session, history, R.historyNew, perFile, path.join(staging, 'history')),
      // No statement reads listings_current: built last, as it is written.
      await stageStreamedTable(session, {
        table: currentTableDefinition(request.database),
        relation: R.currentNew,
        statement: sql.listingsCurrent,
        boundedBy: [R.historyNew, R.currentBefore],
        rowsPerFile: perFile,
        partitionsPerCopy: PARTITIONS_PER_COPY,
        dir: path.join(staging, 'current'),
      }),
      await stageTable(session, weekly, R.marketWeeklyNew, perFile, path.join(staging, 'weekly')),
      await stageTable(session, changes, R.priceChangesNew, perFile, path.join(staging, 'changes')),
      await stageTable(
        session,
        listingOutcomesTableDefinition(request.database),
        R.listingOutcomesNew,
        perFile,
        path.join(staging, 'outcomes'),
      ),
    ];
    return { staged, rows: Number(rows), observations: Number(observations), rowsPerFile: perFile };
  }

  async function compactIn(
    staging: string,
    request: CompactionRequest,
    compactOptions: CompactOptions,
  ): Promise<CompactionManifest> {
    const startedAt = new Date(clock()).toISOString();
    const report = progressReporter(compactOptions.onProgress);
    report('listing');
    const scope = compactionScope(request.partitions);
    const run: DuckDbRun = { request, scope, inputs: await listCompactionInputs(store, scope), staging };
    const sql = await loadCompactionSql(options.sqlDir);
    const { signal } = compactOptions;
    const session = await openSqlSession({
      spillDir: path.join(staging, 'spill'),
      threads: options.threads ?? 2,
      memoryLimit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      signal,
      onStatement: options.onStatement,
    });
    let built: Built;
    try {
      built = await build(session, sql, run, report);
    } finally {
      session.close();
    }
    if (signal?.aborted) throw new CompactionError('the DuckDB compaction was stopped before committing');
    for (const { table, partitions } of built.staged) {
      await store.delete(await leftoverKeys(store, table.location));
      await replacePartitions(store, partitions);
      if (WEEKLY_GOLD.has(table.name))
        await store.delete(await staleWeekKeys(store, table, run.scope, partitions));
    }
    report('manifest');
    const manifest = duckDbManifest(run, built, { startedAt, finishedAt: new Date(clock()).toISOString() });
    await putManifest(store, manifest);
    return manifest;
  }

  return {
    engine: 'duckdb',
    compact: (request, compactOptions = {}) =>
      withCompactionLock(options.lockPath, async () => {
        const staging = await mkdtemp(path.join(options.tempDir ?? tmpdir(), 'realty-compaction-'));
        try {
          return await compactIn(staging, request, compactOptions);
        } finally {
          await rm(staging, { recursive: true, force: true });
        }
      }),
  };
}
