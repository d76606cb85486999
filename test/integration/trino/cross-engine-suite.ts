import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewDefinition } from '../../../src/adapters/catalog/trino-ddl.js';
import { createTrinoCatalogSync } from '../../../src/adapters/catalog/trino-sync.js';
import { createHyparquetEncoder } from '../../../src/adapters/parquet/hyparquet-writer.js';
import { createStoredViewCatalog } from '../../../src/adapters/query/duckdb-saved-views.js';
import { createTrinoQueryEngine } from '../../../src/adapters/query/trino.js';
import { TrinoQueryError } from '../../../src/adapters/query/trino-errors.js';
import { readViewSql } from '../../../src/adapters/query/view-sql-files.js';
import { loadConfig, type RealtyConfig } from '../../../src/config.js';
import { type ListingRecord, RAW_COLUMNS } from '../../../src/domain/listing-record.js';
import { rawObjectKey, rawPartitionPrefix } from '../../../src/domain/partition-path.js';
import { CatalogError } from '../../../src/errors.js';
import { runLocalPipeline } from '../../../src/local/run-pipeline.js';
import { CURRENT_TABLE, HISTORY_TABLE } from '../../../src/pipeline/curated-tables.js';
import { createInvestorViews, INVESTOR_VIEWS } from '../../../src/pipeline/investor-views.js';
import { OUTCOMES_TABLE } from '../../../src/pipeline/listing-outcomes-table.js';
import { RAW_TABLE } from '../../../src/pipeline/raw-table.js';
import type { QueryEngine, QueryResult } from '../../../src/ports/query-engine.js';
import { catalogFor, storeFor } from '../../../src/runtime/assemble.js';
import { compactFromConfig } from '../../../src/runtime/compaction.js';
import { openQueryEngine } from '../../../src/runtime/query-engine.js';
import { compareEngineResults } from '../../helpers/engine-results.js';
import { repoRoot } from '../../helpers/fixtures.js';
import { craftedMarketRecords } from '../../unit/views/view-warehouse.js';
import { readmeQueries } from './helpers/readme-queries.js';
import type { TrinoServer } from './helpers/trino-server.js';

// Doubles may differ by this much, relatively (sums and averages in another order); nothing else may differ.
const RELATIVE_TOLERANCE = 1e-12;
const COMPARED = [HISTORY_TABLE, CURRENT_TABLE, OUTCOMES_TABLE, ...INVESTOR_VIEWS] as const;
// The seeded sandbox run: ten market days (two Sundays among them), a few hundred listings in 17 states.
const RUN_DAYS = 10;
const RUN_LISTINGS = '300';

interface Warehouse {
  config: RealtyConfig;
  trino: QueryEngine;
  duckdb: QueryEngine;
  views: ViewDefinition[];
  /** Where Trino reads this warehouse's bucket. */
  locationRoot: string;
}

/** The crafted markets' observations (edge cases by hand), as raw files and partitions beside the run's. */
async function addCraftedObservations(config: RealtyConfig): Promise<number> {
  const records = [
    ...craftedMarketRecords(),
    ...craftedMarketRecords(path.join(repoRoot, 'test', 'fixtures', 'views', 'cross-engine-market.json')),
  ];
  const store = storeFor(config);
  const catalog = catalogFor(config);
  const groups = new Map<string, ListingRecord[]>();
  for (const record of records) {
    groups.set(record.dt, [...(groups.get(record.dt) ?? []), record]);
  }
  const encoder = createHyparquetEncoder();
  // Offsets far above the run's, on a partition of their own: keys cannot collide with the transform's.
  let offset = 1_000_000_000;
  for (const group of groups.values()) {
    const { dt } = group[0] as ListingRecord;
    const rows = group.map((record, i) => ({
      ...record,
      run_id: 'crafted',
      kafka_topic: config.topic,
      kafka_partition: 99,
      kafka_offset: offset + i,
    }));
    const key = rawObjectKey({
      topic: config.topic,
      partition: 99,
      firstOffset: offset,
      lastOffset: offset + rows.length - 1,
      dt,
    });
    offset += rows.length;
    await store.put(key, await encoder.encode(rows, RAW_COLUMNS));
    await catalog.addPartitions(config.database, RAW_TABLE, [
      { values: [dt], location: rawPartitionPrefix(dt) },
    ]);
  }
  return records.length;
}

/**
 * A seeded `realty run` plus the crafted observations, compacted and with the views, in a data dir inside the
 * bucket directory Trino reads, then synced into a Trino schema of its own.
 */
async function buildWarehouse(server: TrinoServer): Promise<Warehouse> {
  const hex = randomBytes(4).toString('hex');
  const dataDir = `xe-${hex}`;
  const config = loadConfig(
    {},
    {
      dataDir: path.join(server.bucketDir, dataDir),
      database: `realty_xe_${hex}`,
      listings: RUN_LISTINGS,
      seed: '7',
      logLevel: 'warn',
    },
  );
  await runLocalPipeline(config, { days: RUN_DAYS });
  await addCraftedObservations(config);
  await compactFromConfig(config);
  const views = await createInvestorViews({
    catalog: catalogFor(config),
    views: createStoredViewCatalog(storeFor(config)),
    readSql: (name) => readViewSql(name),
    database: config.database,
  });
  const trino = createTrinoQueryEngine({ url: server.url, schema: config.database });
  const locationRoot = `local:///${dataDir}/${config.bucket}/`;
  await createTrinoCatalogSync({ engine: trino, locationRoot }).syncFrom(
    catalogFor(config),
    config.database,
    views,
  );
  return { config, trino, duckdb: await openQueryEngine(config), views, locationRoot };
}

async function both(w: Warehouse, sql: string): Promise<{ trino: QueryResult; duckdb: QueryResult }> {
  const [trino, duckdb] = await Promise.all([w.trino.query(sql), w.duckdb.query(sql)]);
  return { trino, duckdb };
}

/** Every view and curated table on Trino and DuckDB over the same Parquet, compared row by row. */
export function describeCrossEngine(server: () => TrinoServer): void {
  describe('the views and curated tables on Trino 476 and DuckDB', { timeout: 180_000 }, () => {
    let w: Warehouse;
    // Every comparison's queries start at once: Trino plans the nested views for seconds each, and plans
    // several queries side by side, so the suite waits for the slowest rather than for the sum.
    const answers = new Map<string, Promise<{ trino: QueryResult; duckdb: QueryResult }>>();
    beforeAll(async () => {
      w = await buildWarehouse(server());
      for (const name of COMPARED) {
        const answer = both(w, `SELECT * FROM ${name}`);
        answer.catch(() => undefined); // awaited, and its failure reported, by the test of that name
        answers.set(name, answer);
      }
    }, 600_000);
    afterAll(async () => {
      await Promise.all([w?.trino.close(), w?.duckdb.close()]);
    });

    it('holds the edge cases: nulls, zero sqft, ties, a one-listing zip, Sundays, one-dollar cuts', async () => {
      const cases = await w.duckdb.query(`SELECT
          count(*) FILTER (WHERE sqft IS NULL) AS null_sqft,
          count(*) FILTER (WHERE sqft = 0) AS zero_sqft,
          count(*) FILTER (WHERE list_price IS NULL) AS null_price,
          count(*) FILTER (WHERE dayofweek(CAST(dt AS DATE)) = 0) AS sunday_rows,
          count(*) FILTER (WHERE list_price_change = -1) AS one_dollar_cuts,
          count(*) FILTER (WHERE price_per_sqft = 33333.33) AS cents_per_sqft
        FROM ${HISTORY_TABLE}`);
      const oneListingZip = await w.duckdb.query(
        "SELECT count(*) FROM market_summary WHERE postal_code = '89102' AND active_listings = 1",
      );

      const [row] = cases.rows;
      expect(
        row?.every((count) => Number(count) > 0),
        JSON.stringify(row),
      ).toBe(true);
      expect(oneListingZip.rows[0]?.[0]).toBeGreaterThan(0);
    });

    it.each(COMPARED)('%s: the same columns, types and rows on both engines', async (name) => {
      const { trino, duckdb } = await (answers.get(name) as Promise<{
        trino: QueryResult;
        duckdb: QueryResult;
      }>);

      expect(duckdb.rows.length, 'rows to compare').toBeGreaterThan(0);
      expect(compareEngineResults(trino, duckdb, { relativeTolerance: RELATIVE_TOLERANCE })).toEqual([]);
    });

    it("runs the README's example queries on Trino, with DuckDB's rows where the query fixes them", async () => {
      const queries = readmeQueries();
      expect(queries.length).toBeGreaterThanOrEqual(4);

      const answered = await Promise.all(
        queries.map(async (query) => ({ ...query, ...(await both(w, query.sql)) })),
      );
      for (const { command, sql, trino, duckdb } of answered) {
        expect(trino.rows.length, command).toBe(duckdb.rows.length);
        // `LIMIT n` without a total order picks any n rows: only the count is the same then.
        if (!/\bLIMIT\b/i.test(sql)) {
          expect(
            compareEngineResults(trino, duckdb, { relativeTolerance: RELATIVE_TOLERANCE }),
            command,
          ).toEqual([]);
        } else {
          expect(
            trino.columns.map((c) => c.name),
            command,
          ).toEqual(duckdb.columns.map((c) => c.name));
        }
      }
    });

    it("fails the sync of a view that calls a function Trino lacks, with Trino's errorName and message", async () => {
      // DuckDB's interpolated median(), which the views replace by an exact median from window functions.
      const bad = {
        database: w.config.database,
        name: 'bad_median',
        sql: 'SELECT postal_code, median(list_price) AS median_price FROM listings_current GROUP BY postal_code',
      };
      const sync = createTrinoCatalogSync({ engine: w.trino, locationRoot: w.locationRoot });
      const duckdbAnswers = await w.duckdb.query(bad.sql);

      const error = await sync
        .syncFrom(catalogFor(w.config), w.config.database, [...w.views, bad])
        .catch((e: unknown) => e);

      expect(duckdbAnswers.rows.length, 'DuckDB runs it: only Trino catches it').toBeGreaterThan(0);
      expect(error).toBeInstanceOf(CatalogError);
      expect((error as Error).message).toMatch(
        /view \S+\.bad_median.*FUNCTION_NOT_FOUND.*Function 'median' not registered/,
      );
      expect((error as CatalogError).cause).toBeInstanceOf(TrinoQueryError);
      expect((error as CatalogError).cause).toMatchObject({
        errorName: 'FUNCTION_NOT_FOUND',
        errorType: 'USER_ERROR',
      });
    });
  });
}
