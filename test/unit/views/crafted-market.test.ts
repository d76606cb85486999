import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildViewWarehouse,
  craftedMarketRecords,
  rowObjects,
  type ViewWarehouse,
} from './view-warehouse.js';

// Expected values are worked out by hand from test/fixtures/views/crafted-market.json; the comments show how.
let warehouse: ViewWarehouse;

beforeAll(async () => {
  warehouse = await buildViewWarehouse(craftedMarketRecords());
}, 60_000);
afterAll(async () => {
  await warehouse?.cleanup();
});

/** The two values of a row that another test already checks, so a row can be compared on its nulls alone. */
function valuesOf(row: Record<string, unknown> | undefined) {
  return { median_list_price: row?.['median_list_price'], active_listings: row?.['active_listings'] };
}

async function rows(sql: string) {
  return rowObjects(await warehouse.engine.query(sql));
}

describe('market_summary on the crafted market', () => {
  it('gives one row per state, city, zip code and week, the weeks starting on Monday', async () => {
    const keys = await rows(
      'SELECT state, city, postal_code, CAST(week_start AS VARCHAR) AS week FROM market_summary ORDER BY 1, 3, 4',
    );

    expect(keys).toEqual([
      // 90004 is seen on Wed 2026-11-04 and Sun 2026-11-08 only: a Sunday belongs to the week of the Monday before.
      { state: 'CA', city: 'Los Angeles', postal_code: '90004', week: '2026-11-02' },
      { state: 'TX', city: 'Austin', postal_code: '78701', week: '2026-11-02' },
      { state: 'TX', city: 'Austin', postal_code: '78701', week: '2026-11-09' },
      { state: 'TX', city: 'Austin', postal_code: '78704', week: '2026-11-02' },
      { state: 'TX', city: 'Austin', postal_code: '78704', week: '2026-11-09' },
    ]);
  });

  it("takes stock on the week's last observed day and counts the week's new and sold listings", async () => {
    const [week1, week2] = await rows(
      "SELECT * EXCLUDE (state, city, postal_code) FROM market_summary WHERE postal_code = '78701' ORDER BY week_start",
    );

    expect(week1).toEqual({
      week_start: '2026-11-02',
      observed_days: 2,
      // Sunday 11-08: A1 380000, A2 300000, A3 250000, A8 200000, A9 350000; A4 was last seen on Wednesday.
      active_listings: 5,
      new_listings: 1, // A2, listed Tue 11-03
      pending_listings: 0,
      sold_listings: 0,
      median_list_price: 300_000,
      // A1 190, A2 200, A3 312.5, A8 200; A9 has 0 sqft and so no price per sqft: (200 + 200) / 2.
      median_price_per_sqft: 200,
      median_days_on_market: 19, // 5 (A2), 9 (A9), 19 (A1), 68 (A3), 160 (A8)
      price_cut_share: 0.4, // A1 cut from 400000 on Sunday, A8 flagged as reduced: 2 of 5
      months_of_supply: null, // no sale that week
    });
    expect(week2).toEqual({
      week_start: '2026-11-09',
      observed_days: 2,
      // Friday 11-13: A2 300000, A7 500000, A8 200000, A9 350000; A1 is pending, A3 sold.
      active_listings: 4,
      new_listings: 1, // A7, listed 11-10
      pending_listings: 1,
      sold_listings: 1, // A3, sold 11-09
      median_list_price: 325_000, // (300000 + 350000) / 2
      median_price_per_sqft: 200,
      median_days_on_market: 12, // 3, 10, 14, 165: (10 + 14) / 2
      price_cut_share: 0.25, // A8 only: A1 is cut but under contract
      months_of_supply: (4 * 2) / (1 * 30.4375), // 4 active over a pace of 1 sale in 2 observed days
    });
  });

  it('keeps a state whose last observation is older than another state’s', async () => {
    const [ca] = await rows("SELECT * FROM market_summary WHERE state = 'CA'");

    expect(ca).toMatchObject({
      active_listings: 1,
      new_listings: 0, // C1 was listed on Sunday 11-01, in the week before
      median_list_price: 900_000,
      median_price_per_sqft: 750,
      median_days_on_market: 7,
      price_cut_share: 0,
    });
  });

  it('returns the types both engines agree on', async () => {
    const result = await warehouse.engine.query('SELECT * FROM market_summary LIMIT 0');

    expect(Object.fromEntries(result.columns.map((c) => [c.name, c.type]))).toEqual({
      state: 'VARCHAR',
      city: 'VARCHAR',
      postal_code: 'VARCHAR',
      week_start: 'DATE',
      observed_days: 'BIGINT',
      active_listings: 'BIGINT',
      new_listings: 'BIGINT',
      pending_listings: 'BIGINT',
      sold_listings: 'BIGINT',
      median_list_price: 'DOUBLE',
      median_price_per_sqft: 'DOUBLE',
      median_days_on_market: 'DOUBLE',
      price_cut_share: 'DOUBLE',
      months_of_supply: 'DOUBLE',
    });
  });
});

describe('price_history on the crafted market', () => {
  it('lists every change of list price with its amount and percent, rentals included', async () => {
    const changes = await rows(
      'SELECT property_id, dt, previous_dt, previous_list_price, list_price, change_amount, change_pct, is_cut FROM price_history ORDER BY property_id, dt',
    );

    expect(changes).toEqual([
      {
        property_id: 'A1',
        dt: '2026-11-08',
        previous_dt: '2026-11-04',
        previous_list_price: 400_000,
        list_price: 380_000,
        change_amount: -20_000,
        change_pct: -5,
        is_cut: true,
      },
      {
        property_id: 'A5',
        dt: '2026-11-13',
        previous_dt: '2026-11-09',
        previous_list_price: 2_500,
        list_price: 2_400,
        change_amount: -100,
        change_pct: -4,
        is_cut: true,
      },
      {
        property_id: 'D1',
        dt: '2026-11-09',
        previous_dt: '2026-11-08',
        previous_list_price: 240_000,
        list_price: 225_000,
        change_amount: -15_000,
        change_pct: -6.25,
        is_cut: true,
      },
      {
        property_id: 'D3',
        dt: '2026-11-08',
        previous_dt: '2026-11-04',
        previous_list_price: 290_000,
        list_price: 300_000,
        change_amount: 10_000,
        change_pct: (10_000 * 100) / 290_000,
        is_cut: false,
      },
    ]);
  });
});

describe('rental_yield on the crafted market', () => {
  it("compares rents with the asking prices of homes with as many bedrooms, on each state's latest day", async () => {
    const yields = await rows('SELECT * FROM rental_yield ORDER BY state, postal_code, beds');

    expect(yields).toEqual([
      {
        // CA was last observed on 11-08, TX on 11-13: each state's own latest day counts.
        state: 'CA',
        city: 'Los Angeles',
        postal_code: '90004',
        beds: 3,
        rentals: 1,
        median_monthly_rent: 3_500,
        comparable_sales: 1,
        median_sale_price: 900_000,
        gross_yield_pct: (12 * 3_500 * 100) / 900_000,
        price_to_rent_ratio: 900_000 / (12 * 3_500),
      },
      {
        // Rents: A5 2400 (cut on 11-13) and A6's range from 3000. Sales with 3 beds: A2 300000, A9 350000,
        // A1 380000 (pending), A7 500000; A4 left the market.
        state: 'TX',
        city: 'Austin',
        postal_code: '78701',
        beds: 3,
        rentals: 2,
        median_monthly_rent: 2_700,
        comparable_sales: 4,
        median_sale_price: 365_000,
        gross_yield_pct: (12 * 2_700 * 100) / 365_000,
        price_to_rent_ratio: 365_000 / (12 * 2_700),
      },
    ]);
  });
});

describe('deal_screen on the crafted market', () => {
  it('keeps active listings at least 10% under the median $/sqft of 3 or more comparables', async () => {
    const deals = await rows(
      'SELECT property_id, size_band, price_per_sqft, median_price_per_sqft, comparables, discount_pct, price_cuts, total_cut_amount FROM deal_screen ORDER BY property_id',
    );

    // 78704 single-family, 1000-1999 sqft on 11-13: D1 150, D2 180, D3 200, D4 220, D5 230 (median 200).
    // D7 is contingent and D8 left; D6 is the only condo; 78701 has no group of 3.
    expect(deals).toEqual([
      {
        property_id: 'D1',
        size_band: '1000-1999',
        price_per_sqft: 150,
        median_price_per_sqft: 200,
        comparables: 5,
        discount_pct: 25,
        price_cuts: 1,
        total_cut_amount: 15_000,
      },
      {
        property_id: 'D2',
        size_band: '1000-1999',
        price_per_sqft: 180,
        median_price_per_sqft: 200,
        comparables: 5,
        discount_pct: 10,
        price_cuts: 0,
        total_cut_amount: 0,
      },
    ]);
  });
});

describe('market_momentum on the crafted market', () => {
  it('pairs each week with the week before it in the same zip code', async () => {
    const [, austin] = await rows(
      "SELECT * FROM market_momentum WHERE postal_code = '78701' ORDER BY week_start",
    );

    expect(austin).toEqual({
      state: 'TX',
      city: 'Austin',
      postal_code: '78701',
      week_start: '2026-11-09',
      previous_week_start: '2026-11-02',
      median_list_price: 325_000,
      previous_median_list_price: 300_000,
      median_list_price_change_pct: (25_000 * 100) / 300_000,
      median_price_per_sqft: 200,
      previous_median_price_per_sqft: 200,
      median_price_per_sqft_change_pct: 0,
      active_listings: 4,
      previous_active_listings: 5,
      active_listings_change: -1,
      active_listings_change_pct: -20,
      median_days_on_market: 12,
      previous_median_days_on_market: 19,
      median_days_on_market_change: -7,
    });
  });

  it("gives a zip code's first week a row too, with its values and no change (there is nothing to compare)", async () => {
    const firstWeeks = await rows(
      "SELECT postal_code, CAST(week_start AS VARCHAR) AS week, previous_week_start, median_list_price, active_listings, previous_active_listings, median_list_price_change_pct, active_listings_change, active_listings_change_pct, median_days_on_market_change FROM market_momentum WHERE week_start = DATE '2026-11-02' ORDER BY postal_code",
    );

    const noChange = {
      previous_week_start: null,
      previous_active_listings: null,
      median_list_price_change_pct: null,
      active_listings_change: null,
      active_listings_change_pct: null,
      median_days_on_market_change: null,
    };
    expect(firstWeeks).toEqual([
      {
        postal_code: '78701',
        week: '2026-11-02',
        median_list_price: 300_000,
        active_listings: 5,
        ...noChange,
      },
      { postal_code: '78704', week: '2026-11-02', ...valuesOf(firstWeeks[1]), ...noChange },
      // 90004, the single-listing zip (C1 at 900000), is seen in one week only.
      {
        postal_code: '90004',
        week: '2026-11-02',
        median_list_price: 900_000,
        active_listings: 1,
        ...noChange,
      },
    ]);
    // One row per market_summary row: every zip-week is there, paired or not.
    const [counts] = await rows(
      'SELECT (SELECT count(*) FROM market_momentum) AS momentum, (SELECT count(*) FROM market_summary) AS summary',
    );
    expect(counts).toEqual({ momentum: 5, summary: 5 });
  });
});
