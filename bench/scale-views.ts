/**
 * The big half of the scale stage: a market of `scaleListings` listings over `scaleDays` days (≥ 10M
 * history rows by default), built once by compacting CHUNK_DAYS days at a time and cached under
 * .cache/bench-scale/, then one more daily run (figures from bench/scale.ts) and every investor view:
 *   query-<view>-scale        the whole answer computed by the engine: every column of every row hashed
 *                             (`SELECT count(*), sum(hash(COLUMNS(*)))`), so nothing is left out, but no row
 *                             is handed to JS (360,000 rows of market_summary cost seconds of conversion alone)
 *   query-<view>-scale-zip    `SELECT * FROM <view> WHERE postal_code = …`: one zip code, the rows handed to JS
 *   query-<view>-scale-bytes  the compressed bytes of the columns a view names in the tables it reads, which
 *                             is what Athena bills for a query without partition filters
 * and, when Trino is provisioned, the same views on a Trino over the same files (bench/lib/scale-trino.ts).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { openLocalCatalog } from '../src/adapters/catalog/local-file.js';
import { createLocalDirStore } from '../src/adapters/object-store/local-dir.js';
import { createDuckDbQueryEngine } from '../src/adapters/query/duckdb.js';
import { createStoredViewCatalog } from '../src/adapters/query/duckdb-saved-views.js';
import { readViewSql } from '../src/adapters/query/view-sql-files.js';
import { curatedTableDefinitions, ensureCuratedTables } from '../src/pipeline/curated-tables.js';
import { INVESTOR_VIEWS } from '../src/pipeline/investor-views.js';
import { ensureRawTable } from '../src/pipeline/raw-table.js';
import type { ObjectStore } from '../src/ports/object-store.js';
import type { QueryEngine } from '../src/ports/query-engine.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { REPO_ROOT } from './lib/provisioned.js';
import { type DuckDbFigures, scaleTrinoFigures } from './lib/scale-trino.js';
import { compactDays, dayOf, writeSyntheticDays } from './lib/scale-warehouse.js';
import { queryLatencies } from './lib/timing.js';

// Bump when the generator or the compaction output changes, so a stale cache is not reused.
const CACHE_VERSION = 'v7';
// Days per compaction run while building (measured at load 8: 25 days of 112,000 listings in 106-286 s).
const CHUNK_DAYS = 25;
// A zip code of the synthetic market (bench/lib/synthetic-market.ts: 10000 + (i % 1999) * 37 % 89999).
const ZIP = '10037';
const SCAN = 'SELECT count(*), sum(list_price), avg(price_per_sqft) FROM listings_history';

/** The cached market's bucket, built when missing (raw and curated, ten days per compaction). */
async function cachedMarket(options: BenchOptions, listings: number, days: number): Promise<string> {
  const dir = path.join(REPO_ROOT, '.cache', 'bench-scale', `${listings}x${days}-${CACHE_VERSION}`);
  const done = path.join(dir, 'built');
  const store = createLocalDirStore({ root: path.join(dir, 'bucket') });
  if (existsSync(done)) return dir;
  await mkdir(dir, { recursive: true });
  const market = { listings, firstDay: dayOf(0) };
  const started = performance.now();
  for (let from = 0; from < days; from += CHUNK_DAYS) {
    const to = Math.min(days, from + CHUNK_DAYS);
    const chunkStarted = performance.now();
    await writeSyntheticDays(store, market, from, to);
    const written = performance.now();
    const { stepSeconds } = await compactDays(store, options.workDir, from, to);
    options.log(
      `scale: built days ${from}-${to - 1} (raw ${round((written - chunkStarted) / 1000, 0)} s, compaction ` +
        `${round((performance.now() - written) / 1000, 0)} s [${stepSeconds}]; ${round((performance.now() - started) / 1000, 0)} s so far, load ${loadavg()[0]?.toFixed(1)})`,
    );
  }
  await writeFile(done, new Date().toISOString());
  return dir;
}

/** Data files of a curated table in the store (Hive's rule: names starting with '.' or '_' are not data). */
async function tableFiles(store: ObjectStore, prefix: string): Promise<string[]> {
  const files: string[] = [];
  for await (const object of store.list(prefix))
    if (object.key.endsWith('.parquet') && !/\/[._]/.test(object.key)) files.push(store.uri(object.key));
  return files;
}

/** Compressed bytes of the columns `sql` names, in each curated table it reads. */
async function bytesScanned(engine: QueryEngine, store: ObjectStore, sql: string): Promise<number> {
  // Comments name tables a view no longer reads (price_history's says why it skips listings_history).
  const code = sql.replace(/--[^\n]*/g, '');
  const words = new Set(code.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
  let total = 0;
  for (const table of curatedTableDefinitions('realty')) {
    if (!words.has(table.name)) continue;
    const columns = table.columns.filter((column) => words.has(column.name)).map((c) => `'${c.name}'`);
    const files = (await tableFiles(store, table.location)).map((file) => `'${file.replaceAll("'", "''")}'`);
    if (columns.length === 0 || files.length === 0) continue;
    const [row] = (
      await engine.query(
        `SELECT sum(total_compressed_size) FROM parquet_metadata([${files.join(', ')}]) WHERE path_in_schema IN (${columns.join(', ')})`,
      )
    ).rows;
    total += Number(row?.[0] ?? 0);
  }
  return total;
}

function timeFigure(name: string, p50: number, historyRows: number, scanP50: number): Figure {
  return figure(
    {
      name,
      value: round(p50, 1),
      unit: 'ms (p50)',
      baseline: `full scan of listings_history, ${historyRows} rows (p50)`,
      baselineValue: round(scanP50, 1),
    },
    'lowerIsBetter',
  );
}

async function viewFigures(
  options: BenchOptions,
  engine: QueryEngine,
  store: ObjectStore,
  historyRows: number,
  measured: Map<string, DuckDbFigures>,
): Promise<Figure[]> {
  const limits = { runs: 5, minRuns: 3, budgetMs: 10_000 };
  const scan = await queryLatencies(engine, SCAN, limits);
  const history = curatedTableDefinitions('realty')[0];
  const allColumns = `listings_history ${history?.columns.map((c) => c.name).join(' ')}`;
  const historyMb = round((await bytesScanned(engine, store, allColumns)) / 2 ** 20, 1);
  const figures: Figure[] = [];
  for (const name of INVESTOR_VIEWS) {
    const sql = await readViewSql(name);
    const whole = `SELECT count(*), sum(hash(COLUMNS(*))) FROM ${name}`;
    const answer = await queryLatencies(engine, whole, limits);
    const [[rows] = []] = (await engine.query(whole)).rows;
    const zip = await queryLatencies(engine, `SELECT * FROM ${name} WHERE postal_code = '${ZIP}'`, limits);
    const mb = round((await bytesScanned(engine, store, sql)) / 2 ** 20, 1);
    options.log(
      `scale: ${name}: ${String(rows)} rows computed in p50 ${round(answer.p50, 0)} ms, one zip code ` +
        `(${zip.rows} rows to JS) p50 ${round(zip.p50, 0)} ms, over ${historyRows} history rows; ` +
        `${mb} MB scanned (Athena bills this)`,
    );
    measured.set(name, { wholeMs: answer.p50, zipMs: zip.p50, columnMb: mb });
    const bytes = {
      name: `query-${name}-scale-bytes`,
      value: mb,
      unit: 'MB scanned (compressed columns read)',
      baseline: 'listings_history, all columns',
      baselineValue: historyMb,
    };
    figures.push(
      timeFigure(`query-${name}-scale`, answer.p50, historyRows, scan.p50),
      timeFigure(`query-${name}-scale-zip`, zip.p50, historyRows, scan.p50),
      figure(bytes, 'lowerIsBetter'),
    );
  }
  return figures;
}

/** Builds (or reuses) the big market, runs `daily` on its next day, then times every view over it. */
export async function scaleViewFigures(
  options: BenchOptions,
  daily: (store: ObjectStore, listings: number, day: number, bucketDir: string) => Promise<Figure[]>,
): Promise<Figure[]> {
  const { scaleListings: listings, scaleDays: days } = options.sizes;
  const dir = await cachedMarket(options, listings, days);
  const store = createLocalDirStore({ root: path.join(dir, 'bucket') });
  const figures = await daily(store, listings, days, path.join(dir, 'bucket'));
  const catalog = openLocalCatalog({ path: path.join(options.workDir, 'scale-catalog.json') });
  await ensureRawTable(catalog, 'realty');
  await ensureCuratedTables(catalog, 'realty');
  const views = createStoredViewCatalog(store);
  for (const name of INVESTOR_VIEWS)
    await views.ensureView({ database: 'realty', name, sql: await readViewSql(name) });
  const engine = createDuckDbQueryEngine({ catalog, store, database: 'realty' });
  const measured = new Map<string, DuckDbFigures>();
  try {
    const [row] = (await engine.query('SELECT count(*) FROM listings_history')).rows;
    figures.push(...(await viewFigures(options, engine, store, Number(row?.[0] ?? 0), measured)));
  } finally {
    await engine.close();
  }
  const market = { dir, bucket: 'bucket', store, catalog, zip: ZIP };
  return [...figures, ...(await scaleTrinoFigures(options, market, measured))];
}
