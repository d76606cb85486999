/**
 * The warehouse behind the `query` and `trino-query` stages: `queryRows` sandbox observations over a month,
 * compacted by the DuckDB compactor, the investor views saved beside it. Built once per bench run and shared
 * (the two stages built the same warehouse each, minutes of a fresh run); neither stage writes into it.
 */
import path from 'node:path';
import { openLocalCatalog } from '../../src/adapters/catalog/local-file.js';
import { createDuckDbCompactor } from '../../src/adapters/compactor/duckdb.js';
import { createLocalDirStore } from '../../src/adapters/object-store/local-dir.js';
import { compactListings } from '../../src/pipeline/compact-listings.js';
import { ensureCuratedTables } from '../../src/pipeline/curated-tables.js';
import type { Catalog } from '../../src/ports/catalog.js';
import type { ObjectStore } from '../../src/ports/object-store.js';
import type { BenchOptions } from './figure.js';
import { writeObservations } from './observations.js';
import { timed } from './timing.js';

export const QUERY_DATABASE = 'realty';
export const QUERY_BUCKET = 'bucket';
// A month of market days: the weekly views need several weeks.
const DAYS = 30;

export interface QueryWarehouse {
  /** Data dir: the bucket is `<root>/<QUERY_BUCKET>`, the catalog `<root>/catalog.json`. */
  root: string;
  store: ObjectStore;
  catalog: Catalog;
  rows: number;
}

const built = new Map<string, Promise<QueryWarehouse>>();

/**
 * The run's query warehouse of `options.sizes.queryRows` rows, built on the first call in the parent of the
 * stage's work dir (bench/run.ts gives every stage a directory of one scratch root, removed at the end).
 */
export function queryWarehouse(options: BenchOptions): Promise<QueryWarehouse> {
  const root = path.join(path.dirname(options.workDir), `query-warehouse-${options.sizes.queryRows}`);
  let warehouse = built.get(root);
  if (warehouse === undefined) {
    warehouse = build(root, options);
    built.set(root, warehouse);
    warehouse.catch(() => built.delete(root));
  } else
    options.log(
      `  the query warehouse of ${options.sizes.queryRows} rows is reused (built by an earlier stage)`,
    );
  return warehouse;
}

async function build(root: string, options: BenchOptions): Promise<QueryWarehouse> {
  const store = createLocalDirStore({ root: path.join(root, QUERY_BUCKET) });
  const catalog = openLocalCatalog({ path: path.join(root, 'catalog.json') });
  const written = await timed(() =>
    writeObservations({ store, catalog, database: QUERY_DATABASE }, options.sizes.queryRows, DAYS),
  );
  options.log(
    `  ${written.value.rows} observations over ${written.value.days} days written in ${seconds(written.ms)}`,
  );
  const compactor = createDuckDbCompactor({ store, tempDir: path.dirname(options.workDir) });
  const compacted = await timed(() =>
    compactListings(
      { store, catalog, compactor, clock: Date.now },
      { database: QUERY_DATABASE, targetFileBytes: 128 * 2 ** 20 },
    ),
  );
  options.log(`  compacted by DuckDB in ${seconds(compacted.ms)}`);
  await ensureCuratedTables(catalog, QUERY_DATABASE);
  return { root, store, catalog, rows: written.value.rows };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(0)} s`;
}
