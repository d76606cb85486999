/** A warehouse of the synthetic national market: raw days written by DuckDB, compacted by the project's compactor. */
import { mkdir, rm } from 'node:fs/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import { createDuckDbCompactor } from '../../src/adapters/compactor/duckdb.js';
import { stringLiteral } from '../../src/adapters/query/duckdb-views.js';
import type { CompactionManifest } from '../../src/compaction/compaction-manifest.js';
import { changedPartitions, type ObjectInfo } from '../../src/compaction/compaction-scope.js';
import { RAW_LISTINGS_PREFIX } from '../../src/domain/partition-path.js';
import type { ObjectStore } from '../../src/ports/object-store.js';
import { startRssSampler } from './rss-sampler.js';
import { type SyntheticMarket, syntheticRawSql } from './synthetic-market.js';

export const FIRST_DAY = '2026-01-05';
const DAY_MS = 86_400_000;

export function dayOf(day: number): string {
  return new Date(Date.parse(FIRST_DAY) + day * DAY_MS).toISOString().slice(0, 10);
}

/** Writes the raw files of days [from, to) of the market into the store's raw/listings/. */
export async function writeSyntheticDays(
  store: ObjectStore,
  market: SyntheticMarket,
  from: number,
  to: number,
): Promise<void> {
  const rawDir = store.uri(RAW_LISTINGS_PREFIX.replace(/\/$/, ''));
  await mkdir(rawDir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '2',
    preserve_insertion_order: 'false',
  });
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    await connection.run(syntheticRawSql(market, from, to, rawDir));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Raw data files of days [fromDt, toDt] (inclusive). */
export async function rawFilesOf(store: ObjectStore, fromDt: string, toDt: string): Promise<ObjectInfo[]> {
  const files: ObjectInfo[] = [];
  for await (const object of store.list(RAW_LISTINGS_PREFIX)) {
    const dt = /\/dt=([^/]+)\//.exec(object.key)?.[1] ?? '';
    if (dt >= fromDt && dt <= toDt && object.key.endsWith('.parquet')) files.push(object);
  }
  return files;
}

/**
 * Compacts the raw partitions of days [from, to) with the DuckDB compactor; resolves with its manifest and
 * the seconds each step took ('history 12, current 30, …'), to see where a build's time goes.
 */
export async function compactDays(
  store: ObjectStore,
  tempDir: string,
  from: number,
  to: number,
  memoryLimit?: string,
): Promise<CompactionManifest & { stepSeconds: string }> {
  const files = await rawFilesOf(store, dayOf(from), dayOf(to - 1));
  const steps: string[] = [];
  let step = { name: 'listing', started: performance.now() };
  const finishStep = () =>
    steps.push(`${step.name} ${Math.round((performance.now() - step.started) / 1000)}`);
  const manifest = await createDuckDbCompactor({
    store,
    tempDir,
    ...(memoryLimit ? { memoryLimit } : {}),
  }).compact(
    {
      runId: `scale-${dayOf(from)}-${dayOf(to - 1)}`,
      database: 'realty',
      partitions: changedPartitions(files, RAW_LISTINGS_PREFIX, undefined),
      targetFileBytes: 128 * 2 ** 20,
      watermarkMs: 1_000,
    },
    {
      onProgress: ({ step: next }) => {
        finishStep();
        step = { name: next, started: performance.now() };
      },
    },
  );
  finishStep();
  return { ...manifest, stepSeconds: steps.slice(1).join(', ') };
}

/**
 * ms and peak RSS (MB) of a bare DuckDB COPY of `files` into Hive partitions by `keys` (dt/state: the compaction
 * benchmarks' baseline); `outDir` is removed after.
 */
export async function bareCopy(files: readonly string[], outDir: string, keys = 'dt, state') {
  await mkdir(outDir, { recursive: true });
  const rss = startRssSampler(50);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const started = performance.now();
  try {
    await connection.run(
      `COPY (SELECT * FROM read_parquet([${files.map(stringLiteral).join(', ')}], hive_partitioning = true)) ` +
        `TO ${stringLiteral(outDir)} (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (${keys}))`,
    );
    return { ms: performance.now() - started, peakMb: rss.peakMb() };
  } finally {
    rss.stop();
    connection.closeSync();
    instance.closeSync();
    await rm(outDir, { recursive: true, force: true });
  }
}
