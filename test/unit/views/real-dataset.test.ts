import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListingRecord } from '../../../src/domain/listing-record.js';
import { hasSharedFixtures } from '../../helpers/fixtures.js';
import { exactMedian, REAL_DATASET_DAY, realDatasetRecords } from './real-dataset.js';
import { buildViewWarehouse, rowObjects, type ViewWarehouse } from './view-warehouse.js';

// The real sample is one snapshot of for-sale listings: no history, no rentals, no sales. The views must
// give the exact numbers an independent computation gives, and nothing where the data has nothing.
describe.skipIf(!hasSharedFixtures)('the investor views on the real realtor.com dataset sample', () => {
  let records: ListingRecord[];
  let warehouse: ViewWarehouse;

  beforeAll(async () => {
    records = realDatasetRecords();
    warehouse = await buildViewWarehouse(records);
  }, 120_000);
  afterAll(async () => {
    await warehouse?.cleanup();
  });

  const rows = async (sql: string) => rowObjects(await warehouse.engine.query(sql));

  it('counts every listing as active inventory, in one week, with no sales, cuts or contracts', async () => {
    const [totals] = await rows(
      'SELECT count(*) AS zips, sum(active_listings) AS active, sum(pending_listings) AS pending, sum(sold_listings) AS sold, max(price_cut_share) AS cut_share, count(months_of_supply) AS supply, min(CAST(week_start AS VARCHAR)) AS week FROM market_summary',
    );

    expect(totals).toEqual({
      zips: new Set(records.map((r) => `${r.state}|${r.city}|${r.postal_code}`)).size,
      active: records.length,
      pending: 0,
      sold: 0,
      cut_share: 0,
      supply: 0,
      week: '2024-02-12', // the Monday of REAL_DATASET_DAY's week
    });
    expect(REAL_DATASET_DAY).toBe('2024-02-15');
  });

  it('gives every zip code the exact median list price and $/sqft an independent computation gives', async () => {
    const byZip = new Map<string, ListingRecord[]>();
    for (const r of records) {
      const key = `${r.state}|${r.city}|${r.postal_code}`;
      byZip.set(key, [...(byZip.get(key) ?? []), r]);
    }

    const summary = await rows(
      'SELECT state, city, postal_code, median_list_price, median_price_per_sqft FROM market_summary',
    );

    expect(summary).toHaveLength(byZip.size);
    for (const row of summary) {
      const zip = byZip.get(`${row['state']}|${row['city']}|${row['postal_code']}`) ?? [];
      const prices = zip.flatMap((r) => (r.list_price === null ? [] : [r.list_price]));
      const perSqft = zip.flatMap((r) => (r.price_per_sqft === null ? [] : [r.price_per_sqft]));
      expect(row['median_list_price']).toBe(prices.length > 0 ? exactMedian(prices) : null);
      const expected = perSqft.length > 0 ? exactMedian(perSqft) : null;
      if (expected === null) expect(row['median_price_per_sqft']).toBeNull();
      else expect(row['median_price_per_sqft']).toBeCloseTo(expected, 6);
    }
  });

  it('screens deals at least 10% under the median $/sqft of 3 or more comparables, and finds some', async () => {
    const deals = await rows(
      'SELECT property_id, price_per_sqft, median_price_per_sqft, comparables, discount_pct, price_cuts FROM deal_screen',
    );

    expect(deals.length).toBeGreaterThan(50);
    for (const deal of deals) {
      expect(deal['comparables'] as number).toBeGreaterThanOrEqual(3);
      expect(deal['discount_pct'] as number).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(deal['price_per_sqft'] as number).toBeLessThan(deal['median_price_per_sqft'] as number);
      expect(deal['price_cuts']).toBe(0);
    }
  });

  it('has no price changes, rentals or second week to compare: those views are empty or unchanged, not wrong', async () => {
    for (const view of ['price_history', 'rental_yield']) {
      expect(await rows(`SELECT * FROM ${view}`), view).toEqual([]);
    }
    const [momentum] = await rows(
      'SELECT count(*) AS zip_weeks, count(previous_week_start) AS paired, (SELECT count(*) FROM market_summary) AS summary_rows FROM market_momentum',
    );
    expect(momentum?.['paired']).toBe(0);
    expect(momentum?.['zip_weeks']).toBe(momentum?.['summary_rows']);
    expect(momentum?.['zip_weeks'] as number).toBeGreaterThan(0);
  });
});
