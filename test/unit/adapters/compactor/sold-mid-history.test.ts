import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDuckDbCompactor } from '../../../../src/adapters/compactor/duckdb.js';
import { observation, requestFor, writeRawBatch } from './crafted-market.js';
import { asObjects, createWarehouse, queryWarehouse, type Warehouse } from './curated-reader.js';

// One home, sold before for 980,000 on 2019-06-21 (the template's sold_price and last_sold_date), listed on
// 2026-11-01, active, under contract from 11-19 (pending flag), sold on 11-20 for 475,000, seen sold on
// three days after: the two traps of issue 14 in one listing.
const LISTED = '2026-11-01T08:00:00Z';
const home = (at: string, changes: Parameters<typeof observation>[0]['changes'] = {}) =>
  observation({ property: 'H1', at, listDate: LISTED, price: 500_000, changes });
const SOLD = { status: 'sold' as const, sold_price: 475_000, last_sold_date: '2026-11-20' };
const DAYS = [
  home('2026-11-17T10:00:00Z'),
  home('2026-11-18T10:00:00Z', { list_price: 490_000 }),
  home('2026-11-19T10:00:00Z', { list_price: 490_000, is_pending: true }),
  home('2026-11-20T10:00:00Z', { list_price: 490_000, is_pending: true }),
  home('2026-11-21T10:00:00Z', SOLD),
  home('2026-11-22T10:00:00Z', SOLD),
  home('2026-11-24T10:00:00Z', SOLD),
];

let warehouse: Warehouse;
beforeAll(async () => {
  warehouse = await createWarehouse();
  // Two runs, so the sold days are compacted against listings_current of the days before.
  await writeRawBatch(warehouse.store, { partition: 0, firstOffset: 0, records: DAYS.slice(0, 4) });
  const compactor = createDuckDbCompactor({ store: warehouse.store });
  await compactor.compact(await requestFor(warehouse.store, 'run-1'));
  await writeRawBatch(warehouse.store, { partition: 0, firstOffset: 4, records: DAYS.slice(4) });
  const second = await requestFor(warehouse.store, 'run-2');
  await compactor.compact({
    ...second,
    partitions: second.partitions.map((p) => ({ ...p, dt: '2026-11-21' })),
  });
}, 60_000);
afterAll(async () => {
  await rm(warehouse.dir, { recursive: true, force: true });
});

async function rows(table: string, columns: string) {
  return asObjects(await queryWarehouse(warehouse, `SELECT dt, ${columns} FROM ${table} ORDER BY dt`));
}

describe('a listing sold mid-history, in the curated tables', () => {
  it("names the home's previous sale previous_sold_* and this listing's sale sale_*, never one for the other", async () => {
    const history = await rows(
      'listings_history',
      'status, previous_sold_price, previous_sold_date, sale_price, sale_date',
    );

    const shape = history.map((r) => [
      r['status'],
      r['previous_sold_price'],
      String(r['previous_sold_date']),
      r['sale_price'],
      String(r['sale_date']),
    ]);
    const before = ['for_sale', 980_000, '2019-06-21', null, 'null'];
    const after = ['sold', null, 'null', 475_000, '2026-11-20'];
    expect(shape).toEqual([before, before, before, before, after, after, after]);
  });

  it('stops days_on_market on the first day under contract, through the pending and sold days', async () => {
    const history = await rows('listings_history', 'days_on_market, first_contract_dt');

    expect(history.map((r) => [r['days_on_market'], r['first_contract_dt']])).toEqual([
      [16, null],
      [17, null],
      [18, '2026-11-19'],
      [18, '2026-11-19'],
      [18, '2026-11-19'],
      [18, '2026-11-19'],
      [18, '2026-11-19'],
    ]);
  });

  it('gives listing_outcomes one episode: features of its first day, labels of the pending and the sale', async () => {
    const columns =
      'first_seen_dt, days_listed_before_first_seen, list_price, previous_sold_price, outcome, pending_dt, ' +
      'days_to_pending, sale_date, sale_price, days_to_sale, sale_to_list_ratio, sold_within_30_days, ' +
      'price_cuts, price_cut_total, last_seen_dt, days_observed';
    const outcomes = asObjects(await queryWarehouse(warehouse, `SELECT ${columns} FROM listing_outcomes`));

    expect(outcomes.map((r) => ({ ...r, sale_date: String(r['sale_date']) }))).toEqual([
      {
        first_seen_dt: '2026-11-17',
        days_listed_before_first_seen: 16,
        list_price: 500_000,
        previous_sold_price: 980_000,
        outcome: 'sold',
        pending_dt: '2026-11-19',
        days_to_pending: 18,
        sale_date: '2026-11-20',
        sale_price: 475_000,
        days_to_sale: 19,
        sale_to_list_ratio: 0.95,
        sold_within_30_days: true,
        price_cuts: 1,
        price_cut_total: 10_000,
        last_seen_dt: '2026-11-24',
        days_observed: 23,
      },
    ]);
  });

  it('keeps the sale columns in listings_current, the latest day', async () => {
    const [current] = await rows('listings_current', 'status, previous_sold_price, sale_price, sale_date');

    expect([
      current?.['dt'],
      current?.['previous_sold_price'],
      current?.['sale_price'],
      String(current?.['sale_date']),
    ]).toEqual(['2026-11-24', null, 475_000, '2026-11-20']);
  });
});
