import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../src/report/build-report.js';
import type { DealRow, ReportData } from '../../../src/report/report-data.js';
import { escapeHtml } from '../../../src/report/report-html.js';

const deal: DealRow = {
  propertyId: 'P1',
  state: 'TX',
  city: '<script>alert("x")</script>',
  postalCode: '78701',
  address: '1 Main St & Co',
  propertyType: 'single_family',
  sizeBand: '1000-1999',
  beds: 3,
  sqft: 1500,
  listPrice: 225_000,
  pricePerSqft: 150,
  medianPricePerSqft: 200,
  discountPct: 25,
  daysOnMarket: 40,
  priceCuts: 1,
  href: 'javascript:alert(1)',
};

function data(overrides: Partial<ReportData> = {}): ReportData {
  return {
    generatedAt: '2026-11-14T00:00:00.000Z',
    engine: 'duckdb',
    weeks: [
      { week: '2026-11-02', observedDays: 7, partial: false },
      { week: '2026-11-09', observedDays: 7, partial: false },
    ],
    weekly: [
      {
        week: '2026-11-02',
        state: 'TX',
        activeListings: 11,
        newListings: 2,
        pendingListings: 0,
        soldListings: 0,
        medianListPrice: 300_000,
        medianPricePerSqft: 200,
        medianDaysOnMarket: 19,
        priceCutShare: 0.4,
      },
      {
        week: '2026-11-09',
        state: 'TX',
        activeListings: 10,
        newListings: 1,
        pendingListings: 2,
        soldListings: 1,
        medianListPrice: 301_000,
        medianPricePerSqft: 200,
        medianDaysOnMarket: 12,
        priceCutShare: 0.2,
      },
    ],
    cuts: [{ week: '2026-11-09', cuts: 2, raises: 0, medianCutPct: -5 }],
    yields: [
      {
        state: 'TX',
        city: 'Austin',
        postalCode: '78701',
        beds: 3,
        rentals: 2,
        medianMonthlyRent: 2_700,
        comparableSales: 4,
        medianSalePrice: 365_000,
        grossYieldPct: 8.88,
        priceToRentRatio: 11.3,
      },
    ],
    deals: [deal],
    ...overrides,
  };
}

describe('renderReport', () => {
  it('draws every chart as inline SVG and shows the latest week in figures', async () => {
    const html = await renderReport(data());

    expect(html.match(/<figure id="/g)).toHaveLength(8);
    expect(html.match(/<svg/g)).toHaveLength(8);
    expect(html).toContain('<b>10</b><span>active listings</span>');
    expect(html).toContain('<b>20.0%</b><span>with a price cut</span>');
    expect(html).toContain('Weeks 2026-11-02 to 2026-11-09 (2 weeks)');
  });

  it('escapes values from the data and links only to https pages', async () => {
    const html = await renderReport(data());

    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('1 Main St &amp; Co');
    expect(html).not.toContain('javascript:');
  });

  it('says there are no rows yet instead of drawing an empty chart', async () => {
    const html = await renderReport(data({ deals: [], yields: [] }));

    expect(html.match(/<svg/g)).toHaveLength(6);
    expect(html.match(/No rows yet: run the pipeline for more market days/g)).toHaveLength(2);
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('names a partial week, its observed days, and leaves it out of the charts and the latest-week cards', async () => {
    const partialWeek = {
      week: '2026-11-16',
      state: 'TX',
      activeListings: 1,
      newListings: 0,
      pendingListings: 0,
      soldListings: 0,
      medianListPrice: 999_999,
      medianPricePerSqft: 999,
      medianDaysOnMarket: 1,
      priceCutShare: 0,
    };
    const input = data();

    const html = await renderReport({
      ...input,
      weeks: [...input.weeks, { week: '2026-11-16', observedDays: 1, partial: true }],
      weekly: [...input.weekly, partialWeek],
    });

    expect(html).toContain(
      '<li data-week="2026-11-16" data-observed-days="1">week of 2026-11-16: 1 of 7 days observed</li>',
    );
    expect(html).toContain('Partial weeks left out: 2026-11-16 (1 of 7 days).');
    expect(html).toContain('Latest whole week <small>week of 2026-11-09</small>');
    expect(html).toContain('(3 weeks, 1 partial)');
  });
});
