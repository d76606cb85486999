import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysOnMarket,
  deriveFields,
  lotAcres,
  marketEnd,
  pricePerSqft,
  propertyAgeYears,
} from '../../../src/domain/derive-fields.js';

const observedAt = Date.UTC(2024, 1, 16, 12, 0, 0);

describe('pricePerSqft', () => {
  it('divides the list price by the living area, rounded to cents', () => {
    expect(pricePerSqft({ status: 'for_sale', list_price: 2_000_000, sold_price: 246_000, sqft: 5984 })).toBe(
      334.22,
    );
  });

  it('uses the sold price for a sold listing', () => {
    expect(pricePerSqft({ status: 'sold', list_price: 500_000, sold_price: 450_000, sqft: 1500 })).toBe(300);
  });

  it('is null when the price or the area is missing, or the area is zero', () => {
    expect(pricePerSqft({ status: 'for_sale', list_price: null, sold_price: 1, sqft: 1000 })).toBeNull();
    expect(pricePerSqft({ status: 'for_sale', list_price: 1000, sold_price: null, sqft: null })).toBeNull();
    expect(pricePerSqft({ status: 'for_sale', list_price: 1000, sold_price: null, sqft: 0 })).toBeNull();
    expect(pricePerSqft({ status: 'sold', list_price: 1000, sold_price: null, sqft: 1000 })).toBeNull();
  });
});

describe('daysOnMarket', () => {
  it('counts whole days from the list date to the observation', () => {
    expect(daysOnMarket(Date.UTC(2024, 1, 15, 4, 7, 56), observedAt)).toBe(1);
    expect(daysOnMarket(Date.UTC(2024, 0, 16, 12, 0, 0), observedAt)).toBe(31);
  });

  it('is null without a list date and never negative', () => {
    expect(daysOnMarket(null, observedAt)).toBeNull();
    expect(daysOnMarket(observedAt + 86_400_000 * 3, observedAt)).toBe(0);
  });

  it('is never negative for any pair of instants', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4e12 }),
        fc.integer({ min: 0, max: 4e12 }),
        (listDate, observed) => {
          const days = daysOnMarket(listDate, observed);
          expect(days).not.toBeNull();
          expect(days).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('marketEnd: days on market stop at the sale', () => {
  const listed = Date.UTC(2026, 9, 1);
  const sold = { status: 'sold' as const, list_date: listed, last_sold_date: '2026-12-07' };

  it('stops a sold listing’s clock at its sale date, however long after the sale it is seen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (daysAfterSale) => {
        const seen = Date.UTC(2026, 11, 7, 13) + daysAfterSale * 86_400_000;

        expect(daysOnMarket(listed, marketEnd(sold, seen))).toBe(67);
      }),
    );
  });

  it('keeps counting to the observation for a for-sale row, whose last_sold_date is the previous sale', () => {
    const forSale = { ...sold, status: 'for_sale' as const, last_sold_date: '2019-05-01' };
    const seen = Date.UTC(2026, 11, 10, 13);

    expect(marketEnd(forSale, seen)).toBe(seen);
  });

  it('ignores a sale date before the list date (the previous sale on a sold row without its own date)', () => {
    const seen = Date.UTC(2026, 11, 10, 13);

    expect(marketEnd({ ...sold, last_sold_date: '2019-05-01' }, seen)).toBe(seen);
    expect(marketEnd({ ...sold, last_sold_date: null }, seen)).toBe(seen);
  });
});

describe('lotAcres', () => {
  it('converts square feet to acres (43,560 sq ft each) with 4 decimals', () => {
    expect(lotAcres(8315)).toBe(0.1909);
    expect(lotAcres(43_560)).toBe(1);
  });

  it('is null without a lot size', () => {
    expect(lotAcres(null)).toBeNull();
  });
});

describe('propertyAgeYears', () => {
  it('is the observed UTC year minus the year built', () => {
    expect(propertyAgeYears(1920, observedAt)).toBe(104);
  });

  it('is 0 for a home still being built and null without a year built', () => {
    expect(propertyAgeYears(2025, observedAt)).toBe(0);
    expect(propertyAgeYears(null, observedAt)).toBeNull();
  });
});

describe('deriveFields', () => {
  it('computes the four derived columns of one listing', () => {
    const listing = {
      status: 'for_sale' as const,
      list_price: 2_000_000,
      sold_price: null,
      sqft: 5984,
      list_date: Date.UTC(2024, 1, 15, 4, 7, 56),
      last_sold_date: '2019-05-01',
      lot_sqft: 8315,
      year_built: 1987,
    };

    const derived = deriveFields(listing, observedAt);

    expect(derived).toEqual({
      price_per_sqft: 334.22,
      days_on_market: 1,
      lot_acres: 0.1909,
      property_age_years: 37,
    });
  });
});
