import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherReportData } from '../../../src/report/gather-report-data.js';
import type { ReportData } from '../../../src/report/report-data.js';
import { buildViewWarehouse, craftedMarketRecords, type ViewWarehouse } from '../views/view-warehouse.js';

// The crafted market of test/fixtures/views (its hand-worked answers are in test/unit/views/crafted-market.test.ts).
let warehouse: ViewWarehouse;
let data: ReportData;

beforeAll(async () => {
  warehouse = await buildViewWarehouse(craftedMarketRecords());
  data = await gatherReportData(warehouse.engine, {
    engineName: 'duckdb',
    now: () => new Date('2026-11-14T00:00:00Z'),
  });
}, 60_000);
afterAll(async () => {
  await warehouse?.cleanup();
});

describe('gatherReportData over the crafted market', () => {
  it("sums each state's zip codes per week and weights their medians by active listings", () => {
    const texasWeek2 = data.weekly.find((row) => row.state === 'TX' && row.week === '2026-11-09');

    expect(data.weekly.map((row) => `${row.week} ${row.state}`)).toEqual([
      '2026-11-02 CA',
      '2026-11-02 TX',
      '2026-11-09 TX',
    ]);
    // 78701: 4 active, median 325000, 1 cut listing; 78704: 6 active (D1-D6), median 285000, D1 cut.
    expect(texasWeek2).toMatchObject({
      activeListings: 10,
      newListings: 1,
      pendingListings: 2, // A1 and the contingent D7
      soldListings: 1,
      medianListPrice: (325_000 * 4 + 285_000 * 6) / 10,
      priceCutShare: 0.2,
    });
  });

  it('counts cuts and raises per week with the median size of a cut', () => {
    expect(data.cuts).toEqual([
      { week: '2026-11-02', cuts: 1, raises: 1, medianCutPct: -5 }, // A1 -5%, D3 raised
      { week: '2026-11-09', cuts: 2, raises: 0, medianCutPct: (-6.25 + -4) / 2 }, // D1 -6.25%, A5 -4%
    ]);
  });

  it('reads yields best first and deals deepest first, as typed rows', () => {
    expect(data.yields.map((y) => [y.postalCode, y.beds, y.grossYieldPct])).toEqual([
      ['78701', 3, (12 * 2_700 * 100) / 365_000],
      ['90004', 3, (12 * 3_500 * 100) / 900_000],
    ]);
    expect(data.deals.map((d) => [d.propertyId, d.discountPct, d.priceCuts])).toEqual([
      ['D1', 25, 1],
      ['D2', 10, 0],
    ]);
    expect(data).toMatchObject({ engine: 'duckdb', generatedAt: '2026-11-14T00:00:00.000Z' });
  });
});
