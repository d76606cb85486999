import { describe, expect, it } from 'vitest';
import {
  listingSnapshot,
  type Market,
  SEASONAL_PRICE_AMPLITUDE,
  seasonalPriceFactor,
} from '../../../../src/local/sandbox/listing-snapshot.js';
import { listingTimeline } from '../../../../src/local/sandbox/listing-timeline.js';

const market: Market = { seed: 42, listings: 2_000, startMs: Date.UTC(2025, 0, 1) };

/** Median asking price on their list day of the sale listings that arrive on market days [from, to). */
function medianAskOfArrivals(from: number, to: number): number {
  const prices: number[] = [];
  for (let index = market.listings; prices.length < 4_000; index += 1) {
    const timeline = listingTimeline(market, index);
    if (timeline.listDay >= to) break;
    if (timeline.listDay < from || timeline.rental) continue;
    const price = listingSnapshot(market, index, timeline.listDay)?.listPrice;
    if (typeof price === 'number') prices.push(price);
  }
  prices.sort((a, b) => a - b);
  return prices[Math.floor(prices.length / 2)] as number;
}

describe('the sandbox market through the year', () => {
  it('peaks asking prices in mid-June and bottoms them out in mid-December', () => {
    expect(seasonalPriceFactor(Date.UTC(2025, 5, 15))).toBeCloseTo(1 + SEASONAL_PRICE_AMPLITUDE, 3);
    expect(seasonalPriceFactor(Date.UTC(2025, 11, 15))).toBeCloseTo(1 - SEASONAL_PRICE_AMPLITUDE, 3);
    expect(seasonalPriceFactor(Date.UTC(2025, 2, 15))).toBeCloseTo(1, 1);
  });

  it('lists homes that arrive in late spring higher than the same kind of homes arriving in winter', () => {
    const spring = medianAskOfArrivals(140, 190); // May 21 - July 9
    const winter = medianAskOfArrivals(320, 370); // Nov 17 - Jan 5

    expect(spring / winter).toBeGreaterThan(1.04);
    expect(spring / winter).toBeLessThan(1.14);
  });
});
