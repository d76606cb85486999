/**
 * query (Trino side): each investor view on `queryRows` observations compacted into listings_history and
 * listings_current, p50 and p95 latency of `SELECT * FROM <view>` through the Trino query engine (rows handed to JS
 * included), against a Trino 476 started over the same bucket. Baseline: the DuckDB engine's p50 of the same view
 * over the same files, measured in the same run. `npx tsx bench/query-trino.ts` runs it alone.
 */
import path from 'node:path';
import { createTrinoCatalogSync } from '../src/adapters/catalog/trino-sync.js';
import { createDuckDbQueryEngine } from '../src/adapters/query/duckdb.js';
import { createStoredViewCatalog } from '../src/adapters/query/duckdb-saved-views.js';
import { createTrinoQueryEngine } from '../src/adapters/query/trino.js';
import { readViewSql } from '../src/adapters/query/view-sql-files.js';
import { createInvestorViews } from '../src/pipeline/investor-views.js';
import type { QueryEngine } from '../src/ports/query-engine.js';
import { parseBenchArgs } from './lib/bench-args.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { isProvisioned, skipLine } from './lib/provisioned.js';
import { QUERY_BUCKET as BUCKET, QUERY_DATABASE as DATABASE, queryWarehouse } from './lib/query-warehouse.js';
import { queryLatencies, timed } from './lib/timing.js';
import { startBenchTrino } from './lib/trino-server.js';

const MIN_RUNS = 3;
// Per view and engine: Trino takes seconds a query on a busy 2-core machine.
const VIEW_BUDGET_MS = 60_000;

/** Takes the run's query warehouse (bench/lib/query-warehouse.ts), starts Trino over it, syncs the tables and views, then times each view on both engines. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  if (!options.services.trino) {
    options.log(skipLine('query-trino', 'trino'));
    return [];
  }
  options.log(`query-trino: the warehouse of ${options.sizes.queryRows} observations`);
  const { root, store, catalog } = await queryWarehouse(options);
  const views = await createInvestorViews({
    catalog,
    views: createStoredViewCatalog(store),
    readSql: (name) => readViewSql(name),
    database: DATABASE,
  });
  const started = await timed(() => startBenchTrino(root, BUCKET));
  options.log(`  Trino started in ${seconds(started.ms)} on ${started.value.url}`);
  const trino = createTrinoQueryEngine({ url: started.value.url, schema: DATABASE });
  const duckdb = createDuckDbQueryEngine({ catalog, store, database: DATABASE });
  try {
    const synced = await timed(() =>
      createTrinoCatalogSync({ engine: trino, locationRoot: 'local:///' }).syncFrom(catalog, DATABASE, views),
    );
    options.log(`  tables, partitions and views synced into Trino in ${seconds(synced.ms)}`);
    const figures: Figure[] = [];
    for (const { name } of views) figures.push(...(await viewFigures(name, { trino, duckdb }, options)));
    return figures;
  } finally {
    await Promise.all([trino.close(), duckdb.close()]);
    await started.value.stop();
  }
}

async function viewFigures(
  name: string,
  engines: { trino: QueryEngine; duckdb: QueryEngine },
  options: BenchOptions,
): Promise<Figure[]> {
  const sql = `SELECT * FROM ${name}`;
  const duckdb = await queryLatencies(engines.duckdb, sql, {
    runs: options.sizes.queryRuns,
    minRuns: MIN_RUNS,
    budgetMs: VIEW_BUDGET_MS,
  });
  const trino = await queryLatencies(engines.trino, sql, {
    runs: options.sizes.queryRuns,
    minRuns: MIN_RUNS,
    budgetMs: VIEW_BUDGET_MS,
  });
  if (trino.rows !== duckdb.rows) {
    throw new Error(`${name}: Trino returned ${trino.rows} rows, DuckDB ${duckdb.rows}`);
  }
  options.log(
    `  ${name}: ${trino.rows} rows; Trino p50 ${trino.p50.toFixed(0)} ms, p95 ${trino.p95.toFixed(0)} ms (${trino.runs} runs); DuckDB p50 ${duckdb.p50.toFixed(0)} ms`,
  );
  const base = { baseline: `DuckDB p50 of ${name}, same run`, baselineValue: round(duckdb.p50, 1) };
  return [
    figure(
      { name: `query-${name}-trino`, value: round(trino.p50, 1), unit: 'ms (p50)', ...base },
      'lowerIsBetter',
    ),
    figure(
      { name: `query-${name}-trino-p95`, value: round(trino.p95, 1), unit: 'ms (p95)', ...base },
      'lowerIsBetter',
    ),
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(0)} s`;
}

// Run alone: `npx tsx bench/query-trino.ts [--query-rows N] [--query-runs N]` prints the figures, writes no file.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const args = parseBenchArgs(process.argv.slice(2), process.env);
  const workDir = await mkdtemp(path.join(tmpdir(), 'realty-bench-query-trino-'));
  try {
    const figures = await run({
      workDir,
      sizes: args.sizes,
      log: (line) => console.log(line),
      services: { kafka: false, spark: false, trino: isProvisioned('trino') },
    });
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
