import { describe, expect, it } from 'vitest';
import type { ListingRecord } from '../../../src/domain/listing-record.js';
import { sandboxMarketRecords } from './sandbox-market.js';

// 30 days of a 400-listing sandbox market: some listings are listed, sell, and are seen sold for days after.
const records = sandboxMarketRecords(
  { seed: 7, listings: 400, startMs: Date.parse('2026-11-01T00:00:00Z') },
  30,
);

function soldDaysByListing(): Map<string, ListingRecord[]> {
  const byListing = new Map<string, ListingRecord[]>();
  for (const record of records) {
    if (record.status !== 'sold' || record.listing_id === null) continue;
    byListing.set(record.listing_id, [...(byListing.get(record.listing_id) ?? []), record]);
  }
  return byListing;
}

describe('a listing sold mid-history', () => {
  it('keeps one days_on_market on every day it is seen sold: the clock stops at the sale', () => {
    const sold = [...soldDaysByListing().values()].filter((days) => days.length >= 2);

    expect(sold.length).toBeGreaterThan(0);
    for (const days of sold) {
      expect(new Set(days.map((r) => r.days_on_market)).size, days[0]?.listing_id ?? '').toBe(1);
    }
  });

  it('counts to the sale date, not to the day the sale was seen', () => {
    for (const days of soldDaysByListing().values()) {
      const [first] = days;
      if (!first || first.list_date === null || first.last_sold_date === null) continue;
      const soldAt = Date.parse(`${first.last_sold_date}T00:00:00Z`);
      if (soldAt < first.list_date) continue;
      expect(first.days_on_market).toBe(Math.max(0, Math.floor((soldAt - first.list_date) / 86_400_000)));
    }
  });
});
