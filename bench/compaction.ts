/**
 * Compaction: the many small raw files the transform leaves against the curated files compaction writes,
 * rows/s of DuckDB and of Spark (the Glue job on local PySpark) on the same input, and what it does to a
 * query (the Athena experiment behind the issue: 100-row files 201 s, 1M-row files 2.35 s for 100M rows).
 *
 *   npx tsx bench/compaction.ts [--rows 50000] [--no-spark]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDuckDbCompactor } from '../src/adapters/compactor/duckdb.js';
import { createSparkCompactor } from '../src/adapters/compactor/spark.js';
import { createDuckDbQueryEngine } from '../src/adapters/query/duckdb.js';
import { type CompactionSummary, summarizeCompaction } from '../src/compaction/compaction-manifest.js';
import { SETTINGS } from '../src/config-settings.js';
import type { ListingRecord } from '../src/domain/listing-record.js';
import type { Compactor } from '../src/ports/compactor.js';
import { repoRoot } from '../test/helpers/fixtures.js';
import { observation, requestFor, writeRawBatch } from '../test/unit/adapters/compactor/crafted-market.js';
import { createWarehouse, type Warehouse } from '../test/unit/adapters/compactor/curated-reader.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { perSecond, quantile } from './lib/timing.js';

const DAYS = 5;
const STATES = ['CA', 'TX', 'NY', 'FL', 'WA', 'IL', 'GA', 'AZ'];
const BATCH_RECORDS = 100;
// One batch in this many is delivered twice (a retried MSK batch), so there are copies to drop.
const REDELIVERY_EVERY = 30;
const QUERY_RUNS = 7;
const QUERY = (table: string) =>
  `SELECT state, count(*) AS listings, avg(list_price) AS avg_price FROM ${table} GROUP BY state ORDER BY state`;

/** A small deterministic generator (mulberry32), so every run benchmarks the same market. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** `rows` observations: each listing once a day over DAYS days, prices drifting, shuffled into batches. */
function market(rows: number): ListingRecord[] {
  const next = random(42);
  const listings = Math.max(1, Math.ceil(rows / DAYS));
  const records: ListingRecord[] = [];
  for (let day = 0; day < DAYS && records.length < rows; day += 1) {
    for (let i = 0; i < listings && records.length < rows; i += 1) {
      const at = new Date(Date.UTC(2026, 10, 16 + day, 8 + Math.floor(next() * 12))).toISOString();
      const price = 200_000 + (i % 997) * 1_000 - day * Math.floor(next() * 3) * 5_000;
      records.push(observation({ property: `B${i}`, state: STATES[i % STATES.length] ?? 'CA', at, price }));
    }
  }
  // Fisher-Yates: batches mix days, states and listings, as a busy topic does.
  for (let i = records.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [records[i], records[j]] = [records[j] as ListingRecord, records[i] as ListingRecord];
  }
  return records;
}

async function writeRaw(warehouse: Warehouse, records: readonly ListingRecord[]): Promise<void> {
  for (let start = 0, batch = 0; start < records.length; start += BATCH_RECORDS, batch += 1) {
    const slice = {
      partition: batch % 6,
      firstOffset: start,
      records: records.slice(start, start + BATCH_RECORDS),
    };
    await writeRawBatch(warehouse.store, slice);
    if (batch % REDELIVERY_EVERY === 0)
      await writeRawBatch(warehouse.store, { ...slice, partition: 6 + (batch % 6) });
  }
}

async function compactTimed(compactor: Compactor, warehouse: Warehouse) {
  const started = performance.now();
  const manifest = await compactor.compact(await requestFor(warehouse.store, `bench-${compactor.engine}`));
  return { ms: performance.now() - started, summary: summarizeCompaction(manifest) };
}

async function queryP50(warehouse: Warehouse, table: string): Promise<number> {
  const engine = createDuckDbQueryEngine({ catalog: warehouse.catalog, store: warehouse.store });
  try {
    await engine.query(QUERY(table));
    const times: number[] = [];
    for (let run = 0; run < QUERY_RUNS; run += 1) {
      const started = performance.now();
      await engine.query(QUERY(table));
      times.push(performance.now() - started);
    }
    return quantile(times, 0.5);
  } finally {
    await engine.close();
  }
}

function sparkCompactor(warehouse: Warehouse): Compactor | undefined {
  const python = path.join(repoRoot, SETTINGS.sparkPython.default);
  if (!existsSync(python)) return undefined;
  return createSparkCompactor({
    store: warehouse.store,
    python,
    javaHome: SETTINGS.sparkJavaHome.default,
    workDir: path.join(warehouse.dir, 'spark'),
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
  });
}

function fileFigures(summary: CompactionSummary): Figure[] {
  const history = summary.tables.find((t) => t.name === 'listings_history');
  const files = history?.files ?? 0;
  const bytes = history?.bytes ?? 0;
  return [
    figure(
      {
        name: 'compaction-files',
        value: files,
        unit: 'files',
        baseline: 'raw files (transform output)',
        baselineValue: summary.rawFiles,
      },
      'lowerIsBetter',
    ),
    figure(
      {
        name: 'compaction-bytes',
        value: bytes,
        unit: 'bytes',
        baseline: 'raw bytes',
        baselineValue: summary.rawBytes,
      },
      'lowerIsBetter',
    ),
  ];
}

/** Rows/s of the Spark compactor on the same input, or undefined when Spark is not there or failed. */
async function timeSpark(options: BenchOptions, warehouse: Warehouse, records: readonly ListingRecord[]) {
  const compactor = options.services.spark ? sparkCompactor(warehouse) : undefined;
  if (!compactor) {
    options.log('compaction: Spark skipped (not provisioned: bash scripts/python-env.sh)');
    return undefined;
  }
  await writeRaw(warehouse, records);
  try {
    const sparkRun = await compactTimed(compactor, warehouse);
    const rate = perSecond(sparkRun.summary.rawRows, sparkRun.ms);
    options.log(`compaction: Spark ${round(sparkRun.ms)} ms, ${round(rate)} rows/s (JVM start included)`);
    return rate;
  } catch (error) {
    options.log(`compaction: Spark failed, its figure is left out: ${String(error)}`);
    return undefined;
  }
}

/** The compaction benchmark: one market, compacted by each engine into its own copy of the bucket. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const rows = options.sizes.compactionRows;
  const records = market(rows);
  const duck = await createWarehouse('realty-bench-duck-');
  const spark = await createWarehouse('realty-bench-spark-');
  try {
    options.log(
      `compaction: writing ${rows} observations as the transform would (batches of ${BATCH_RECORDS})`,
    );
    await writeRaw(duck, records);
    const duckRun = await compactTimed(createDuckDbCompactor({ store: duck.store }), duck);
    const duckRate = perSecond(duckRun.summary.rawRows, duckRun.ms);
    options.log(`compaction: DuckDB ${round(duckRun.ms)} ms, ${round(duckRate)} rows/s`);
    const sparkRate = await timeSpark(options, spark, records);
    const [rawMs, curatedMs] = [
      await queryP50(duck, 'listings_raw'),
      await queryP50(duck, 'listings_history'),
    ];
    return [
      ...fileFigures(duckRun.summary),
      figure({
        name: 'compaction-vs-spark',
        value: round(duckRate),
        unit: 'rows/s (DuckDB)',
        baseline:
          sparkRate === undefined
            ? 'none (Spark not provisioned)'
            : 'Spark local[2], same input, JVM start included',
        baselineValue: round(sparkRate ?? duckRate),
      }),
      figure(
        {
          name: 'compaction-query-p50',
          value: round(curatedMs, 2),
          unit: 'ms',
          baseline: 'listings_raw (small files, copies)',
          baselineValue: round(rawMs, 2),
        },
        'lowerIsBetter',
      ),
    ];
  } finally {
    for (const warehouse of [duck, spark]) await rm(warehouse.dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '50000' }, 'no-spark': { type: 'boolean' } },
  });
  const workDir = await mkdtemp(path.join(tmpdir(), 'realty-bench-'));
  try {
    const figures = await run({
      workDir,
      sizes: { compactionRows: Number(values.rows) } as BenchOptions['sizes'],
      log: (line) => process.stderr.write(`${line}\n`),
      services: { kafka: false, spark: values['no-spark'] !== true, trino: false },
    });
    console.table(figures);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && /compaction\.ts$/.test(process.argv[1])) await main();
