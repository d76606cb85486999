import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalCatalog } from '../../../src/adapters/catalog/local-file.js';
import { createDuckDbCompactor } from '../../../src/adapters/compactor/duckdb.js';
import { createLocalDirStore } from '../../../src/adapters/object-store/local-dir.js';
import { createHyparquetEncoder } from '../../../src/adapters/parquet/hyparquet-writer.js';
import { createDuckDbQueryEngine, type DuckDbQueryEngine } from '../../../src/adapters/query/duckdb.js';
import { createStoredViewCatalog } from '../../../src/adapters/query/duckdb-saved-views.js';
import { readViewSql } from '../../../src/adapters/query/view-sql-files.js';
import { changedPartitions } from '../../../src/compaction/compaction-scope.js';
import { deriveFields } from '../../../src/domain/derive-fields.js';
import { eventIdFor } from '../../../src/domain/event-id.js';
import { LISTING_COLUMNS, type ListingRecord } from '../../../src/domain/listing-record.js';
import { RAW_LISTINGS_PREFIX, rawObjectKey } from '../../../src/domain/partition-path.js';
import { createInvestorViews } from '../../../src/pipeline/investor-views.js';
import { ensureRawTable } from '../../../src/pipeline/raw-table.js';
import type { Catalog } from '../../../src/ports/catalog.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import type { QueryResult } from '../../../src/ports/query-engine.js';
import { repoRoot } from '../../helpers/fixtures.js';

/** A data dir with raw, curated tables and the investor views, and a DuckDB engine over it. */
export interface ViewWarehouse {
  dir: string;
  store: ObjectStore;
  catalog: Catalog;
  engine: DuckDbQueryEngine;
  cleanup(): Promise<void>;
}

/**
 * Writes the observations as the transform would (Parquet per dt/state under raw/), compacts them with the
 * project's DuckDB compactor into listings_history/listings_current, and saves the views of jobs/views.
 */
export async function buildViewWarehouse(records: readonly ListingRecord[]): Promise<ViewWarehouse> {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-views-'));
  // Laid out as the embedded runtime lays out a data dir (src/runtime/local.ts), so `realty --data-dir` reads it.
  const store = createLocalDirStore({ root: path.join(dir, 'realty-data') });
  const catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
  await ensureRawTable(catalog, 'realty');
  await writeRaw(store, records);
  const objects = [];
  for await (const object of store.list(RAW_LISTINGS_PREFIX)) objects.push(object);
  await createDuckDbCompactor({ store, tempDir: dir }).compact({
    runId: 'views-test',
    database: 'realty',
    partitions: changedPartitions(objects, RAW_LISTINGS_PREFIX, undefined),
    targetFileBytes: 128 * 1024 * 1024,
    watermarkMs: 0,
  });
  const views = createStoredViewCatalog(store);
  const engine = createDuckDbQueryEngine({ catalog, store, views });
  await createInvestorViews({
    catalog,
    views,
    readSql: (name) => readViewSql(name),
    database: 'realty',
    engine,
  });
  return {
    dir,
    store,
    catalog,
    engine,
    cleanup: async () => {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function writeRaw(store: ObjectStore, records: readonly ListingRecord[]): Promise<void> {
  const groups = new Map<string, ListingRecord[]>();
  for (const record of records) {
    groups.set(record.dt, [...(groups.get(record.dt) ?? []), record]);
  }
  const encoder = createHyparquetEncoder();
  let offset = 0;
  for (const group of groups.values()) {
    const first = group[0] as ListingRecord;
    const key = rawObjectKey({
      topic: 'realty.listings.v1',
      partition: 0,
      firstOffset: offset,
      lastOffset: offset + group.length - 1,
      dt: first.dt,
    });
    offset += group.length;
    await store.put(
      key,
      await encoder.encode(group, [...LISTING_COLUMNS, { name: 'state', type: 'string' }]),
    );
  }
}

/** Rows as objects keyed by column name. */
export function rowObjects(result: QueryResult): Record<string, unknown>[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}

type DayValues = Partial<ListingRecord> & { price?: number | null };
interface CraftedListing {
  id: string;
  state: string;
  city: string;
  zip: string;
  type: string;
  beds: number | null;
  sqft: number | null;
  listDate: string;
  days: (DayValues | null)[];
}
interface CraftedMarket {
  days: string[];
  listings: CraftedListing[];
}

/** The observations of a crafted market file (test/fixtures/views/crafted-market.json by default), as canonical records. */
export function craftedMarketRecords(
  file = path.join(repoRoot, 'test', 'fixtures', 'views', 'crafted-market.json'),
): ListingRecord[] {
  const market = JSON.parse(readFileSync(file, 'utf8')) as CraftedMarket;
  return market.listings.flatMap((listing) =>
    listing.days.flatMap((day, i) =>
      day === null ? [] : [craftedRecord(listing, market.days[i] as string, day)],
    ),
  );
}

function craftedRecord(listing: CraftedListing, dt: string, day: DayValues): ListingRecord {
  const { price, ...changes } = day;
  const empty = Object.fromEntries(LISTING_COLUMNS.map(({ name }) => [name, null]));
  const base = {
    ...empty,
    observed_at: Date.parse(`${dt}T12:00:00Z`),
    source: 'crafted',
    search_area: `postal:${listing.zip}`,
    property_id: listing.id,
    listing_id: `L${listing.id}`,
    status: 'for_sale',
    list_price: price ?? null,
    list_date: Date.parse(`${listing.listDate}T08:00:00Z`),
    beds: listing.beds,
    sqft: listing.sqft,
    property_type: listing.type,
    address_line: `${listing.id} Crafted St`,
    city: listing.city,
    state_code: listing.state,
    postal_code: listing.zip,
    ...changes,
    dt,
    state: listing.state,
  } as ListingRecord;
  const record = { ...base, ...deriveFields(base, base.observed_at) };
  return { ...record, event_id: eventIdFor(record) };
}
