/**
 * query (DuckDB side): each investor view of jobs/views/ that exists, on `queryRows` observations compacted into
 * listings_history and listings_current, p50 and p95 latency of `SELECT * FROM <view>` through the DuckDB query
 * engine (rows handed to JS included). Baseline: one full scan of listings_history in the same session.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDuckDbQueryEngine } from '../src/adapters/query/duckdb.js';
import { createStoredViewCatalog } from '../src/adapters/query/duckdb-saved-views.js';
import { readViewSql, VIEW_SQL_DIR } from '../src/adapters/query/view-sql-files.js';
import { ensureCuratedTables } from '../src/pipeline/curated-tables.js';
import { INVESTOR_VIEWS } from '../src/pipeline/investor-views.js';
import type { Catalog } from '../src/ports/catalog.js';
import type { ObjectStore } from '../src/ports/object-store.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { QUERY_DATABASE as DATABASE, queryWarehouse } from './lib/query-warehouse.js';
import { queryLatencies } from './lib/timing.js';

const MIN_RUNS = 3;
const VIEW_BUDGET_MS = 15_000;
const SCAN = 'SELECT count(*), sum(list_price), avg(price_per_sqft) FROM listings_history';

/** Times every view `queryRuns` times after one warm-up run, on the run's query warehouse. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  options.log(`query: the warehouse of ${options.sizes.queryRows} observations`);
  const { store, catalog } = await queryWarehouse(options);
  const views = await saveViews(store, catalog, options);
  const engine = createDuckDbQueryEngine({ catalog, store, database: DATABASE });
  try {
    const scan = await queryLatencies(engine, SCAN, {
      runs: options.sizes.queryRuns,
      minRuns: MIN_RUNS,
      budgetMs: VIEW_BUDGET_MS,
    });
    const trivial = await queryLatencies(engine, 'SELECT 1', {
      runs: options.sizes.queryRuns,
      minRuns: MIN_RUNS,
      budgetMs: VIEW_BUDGET_MS,
    });
    options.log(
      `  full scan p50 ${scan.p50.toFixed(0)} ms; SELECT 1 p50 ${trivial.p50.toFixed(0)} ms (the engine's own cost per query)`,
    );
    const figures: Figure[] = [];
    for (const name of views) {
      const times = await queryLatencies(engine, `SELECT * FROM ${name}`, {
        runs: options.sizes.queryRuns,
        minRuns: MIN_RUNS,
        budgetMs: VIEW_BUDGET_MS,
      });
      options.log(
        `  ${name}: ${times.rows} rows, p50 ${times.p50.toFixed(0)} ms, p95 ${times.p95.toFixed(0)} ms`,
      );
      const base = {
        unit: 'ms',
        baseline: 'full scan of listings_history (p50)',
        baselineValue: round(scan.p50, 1),
      };
      figures.push(
        figure(
          { name: `query-${name}`, value: round(times.p50, 1), ...base, unit: 'ms (p50)' },
          'lowerIsBetter',
        ),
      );
      figures.push(
        figure(
          { name: `query-${name}-p95`, value: round(times.p95, 1), ...base, unit: 'ms (p95)' },
          'lowerIsBetter',
        ),
      );
    }
    return figures;
  } finally {
    await engine.close();
  }
}

/** Saves the views whose SQL exists (jobs/views/<name>.sql), in creation order; says which are missing. */
async function saveViews(store: ObjectStore, catalog: Catalog, options: BenchOptions): Promise<string[]> {
  await ensureCuratedTables(catalog, DATABASE);
  const saved = createStoredViewCatalog(store);
  const present: string[] = [];
  for (const name of INVESTOR_VIEWS) {
    if (!existsSync(path.join(VIEW_SQL_DIR, `${name}.sql`))) {
      options.log(`  view ${name} skipped: jobs/views/${name}.sql is not there yet`);
      continue;
    }
    await saved.ensureView({ database: DATABASE, name, sql: await readViewSql(name) });
    present.push(name);
  }
  return present;
}
