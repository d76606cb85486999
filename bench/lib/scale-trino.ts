/**
 * The Trino half of the scale stage: a Trino 476 over the cached national market (bench/scale-views.ts), the
 * curated tables, their partitions (read from the store: the market's compactions registered none) and the
 * investor views synced into it, then per view:
 *   query-<view>-scale-trino        the whole answer computed by Trino: every column of every row in an
 *                                   order-insensitive `checksum(ROW(…))`, no row handed to JS (as DuckDB's figure)
 *   query-<view>-scale-trino-zip    one zip code's rows handed to JS
 *   query-<view>-scale-trino-bytes  Trino's own "Physical input" of the whole answer (EXPLAIN ANALYZE), summed
 *                                   over the table scans: the bytes it read from the files
 */
import { createTrinoCatalogSync } from '../../src/adapters/catalog/trino-sync.js';
import { createStoredViewCatalog } from '../../src/adapters/query/duckdb-saved-views.js';
import { createTrinoQueryEngine } from '../../src/adapters/query/trino.js';
import { readViewSql } from '../../src/adapters/query/view-sql-files.js';
import { createInvestorViews } from '../../src/pipeline/investor-views.js';
import type { Catalog } from '../../src/ports/catalog.js';
import type { ObjectStore } from '../../src/ports/object-store.js';
import type { QueryEngine } from '../../src/ports/query-engine.js';
import { type BenchOptions, type Figure, figure, round } from './figure.js';
import { skipLine } from './provisioned.js';
import { storedPartitions } from './stored-partitions.js';
import { queryLatencies, timed } from './timing.js';
import { startBenchTrino } from './trino-server.js';

const DATABASE = 'realty';

/** What DuckDB measured of a view on the same market: the Trino figures' baselines. */
export interface DuckDbFigures {
  wholeMs: number;
  zipMs: number;
  columnMb: number;
}

export interface ScaleMarket {
  /** Data dir of the market: the bucket is `<dir>/<bucket>`. */
  dir: string;
  bucket: string;
  store: ObjectStore;
  catalog: Catalog;
  zip: string;
}

/** Bytes of Trino's size notation ('12.5MB', '980kB', '3B'). */
export function trinoDataSizeBytes(text: string): number {
  const match = /^([\d.]+)\s*(B|kB|MB|GB|TB|PB)$/.exec(text.trim());
  if (!match) throw new RangeError(`not a Trino data size: ${JSON.stringify(text)}`);
  const power = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'].indexOf(match[2] as string);
  return Number(match[1]) * 1024 ** power;
}

/** Sum of every "Physical input: <size>" of an EXPLAIN ANALYZE plan (one per table scan). */
export function physicalInputBytes(plan: string): number {
  const sizes = [...plan.matchAll(/Physical input: ([\d.]+\s*[kMGTP]?B)\b/g)].map((m) => m[1] as string);
  if (sizes.length === 0) throw new RangeError('the plan names no "Physical input"; is it EXPLAIN ANALYZE?');
  return sizes.reduce((sum, size) => sum + trinoDataSizeBytes(size), 0);
}

/** Registers the market's stored partitions in its catalog (idempotent: known ones are left alone). */
async function registerStoredPartitions(market: ScaleMarket): Promise<void> {
  for (const table of await market.catalog.listTables(DATABASE)) {
    const partitions = await storedPartitions(market.store, table);
    if (partitions.length > 0) await market.catalog.addPartitions(DATABASE, table.name, partitions);
  }
}

async function viewFigures(
  trino: QueryEngine,
  name: string,
  market: ScaleMarket,
  duckDb: DuckDbFigures,
): Promise<Figure[]> {
  const limits = { runs: 5, minRuns: 3, budgetMs: 20_000 };
  const { columns } = await trino.query(`SELECT * FROM ${name} LIMIT 0`);
  const whole = `SELECT count(*), checksum(ROW(${columns.map((c) => `"${c.name}"`).join(', ')})) FROM ${name}`;
  const answer = await queryLatencies(trino, whole, limits);
  const zip = await queryLatencies(
    trino,
    `SELECT * FROM ${name} WHERE postal_code = '${market.zip}'`,
    limits,
  );
  const plan = (await trino.query(`EXPLAIN ANALYZE ${whole}`)).rows.map((row) => String(row[0])).join('\n');
  const mb = round(physicalInputBytes(plan) / 2 ** 20, 1);
  const base = (what: string, value: number) => ({
    baseline: `DuckDB p50 of ${what}, same market`,
    baselineValue: round(value, 1),
  });
  return [
    figure(
      {
        name: `query-${name}-scale-trino`,
        value: round(answer.p50, 0),
        unit: 'ms (p50), whole answer',
        ...base('the whole answer', duckDb.wholeMs),
      },
      'lowerIsBetter',
    ),
    figure(
      {
        name: `query-${name}-scale-trino-zip`,
        value: round(zip.p50, 0),
        unit: 'ms (p50), one zip code to JS',
        ...base('one zip code', duckDb.zipMs),
      },
      'lowerIsBetter',
    ),
    figure(
      {
        name: `query-${name}-scale-trino-bytes`,
        value: mb,
        unit: 'MB physical input (Trino EXPLAIN ANALYZE)',
        baseline: 'compressed bytes of the columns the view names (query-<view>-scale-bytes)',
        baselineValue: duckDb.columnMb,
      },
      'lowerIsBetter',
    ),
  ];
}

/** Starts Trino over the market, syncs it, and times every view; [] (with a line) when Trino is not provisioned. */
export async function scaleTrinoFigures(
  options: BenchOptions,
  market: ScaleMarket,
  duckDb: ReadonlyMap<string, DuckDbFigures>,
): Promise<Figure[]> {
  if (!options.services.trino) {
    options.log(skipLine('the Trino part of scale', 'trino'));
    return [];
  }
  await registerStoredPartitions(market);
  const views = await createInvestorViews({
    catalog: market.catalog,
    views: createStoredViewCatalog(market.store),
    readSql: (name) => readViewSql(name),
    database: DATABASE,
  });
  const started = await timed(() => startBenchTrino(market.dir, market.bucket));
  const trino = createTrinoQueryEngine({ url: started.value.url, schema: DATABASE });
  try {
    const synced = await timed(() =>
      createTrinoCatalogSync({ engine: trino, locationRoot: 'local:///' }).syncFrom(
        market.catalog,
        DATABASE,
        views,
      ),
    );
    options.log(
      `scale: Trino started in ${round(started.ms / 1000, 0)} s, synced in ${round(synced.ms / 1000, 0)} s`,
    );
    const figures: Figure[] = [];
    for (const { name } of views) {
      const measured = await viewFigures(
        trino,
        name,
        market,
        duckDb.get(name) ?? { wholeMs: Number.NaN, zipMs: Number.NaN, columnMb: Number.NaN },
      );
      options.log(`scale: ${name} on Trino: ${measured.map((f) => `${f.name} ${f.value}`).join(', ')}`);
      figures.push(...measured);
    }
    return figures;
  } finally {
    await trino.close();
    await started.value.stop();
  }
}
