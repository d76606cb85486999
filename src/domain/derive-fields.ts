import { utcYearOf, wholeDaysBetween } from './iso-date.js';
import type { ListingRecord } from './listing-record.js';

/** The columns computed from a listing's own values and the moment it was observed. */
export type DerivedFields = Pick<
  ListingRecord,
  'price_per_sqft' | 'days_on_market' | 'lot_acres' | 'property_age_years'
>;

/** What the derived columns are computed from. */
export type DerivationInput = Pick<
  ListingRecord,
  'status' | 'list_price' | 'sold_price' | 'sqft' | 'list_date' | 'last_sold_date' | 'lot_sqft' | 'year_built'
>;

// US survey acre: 43,560 square feet.
const SQFT_PER_ACRE = 43_560;

/** price_per_sqft, days_on_market, lot_acres and property_age_years of one listing observed at `observedAt`. */
export function deriveFields(listing: DerivationInput, observedAt: number): DerivedFields {
  return {
    price_per_sqft: pricePerSqft(listing),
    days_on_market: daysOnMarket(listing.list_date, marketEnd(listing, observedAt)),
    lot_acres: lotAcres(listing.lot_sqft),
    property_age_years: propertyAgeYears(listing.year_built, observedAt),
  };
}

/** Price per square foot of living area, to the cent: the sold price for a sold listing, else the list price. */
export function pricePerSqft(
  listing: Pick<ListingRecord, 'status' | 'list_price' | 'sold_price' | 'sqft'>,
): number | null {
  const price = listing.status === 'sold' ? listing.sold_price : listing.list_price;
  if (price === null || listing.sqft === null || listing.sqft === 0) return null;
  return roundTo(price / listing.sqft, 100);
}

/**
 * The moment a listing's days on market stop: its sale date on a sold listing whose sale date is known and
 * not before its list date (a sold home's clock does not go on counting, issue 14), else the observation.
 */
export function marketEnd(
  listing: Pick<ListingRecord, 'status' | 'list_date' | 'last_sold_date'>,
  observedAt: number,
): number {
  if (listing.status !== 'sold' || listing.last_sold_date === null) return observedAt;
  const soldAt = Date.parse(`${listing.last_sold_date.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(soldAt) || (listing.list_date !== null && soldAt < listing.list_date))
    return observedAt;
  return Math.min(soldAt, observedAt);
}

/** Whole days from the list date to the observation; 0 when the list date is later (coming-soon listings). */
export function daysOnMarket(listDate: number | null, observedAt: number): number | null {
  if (listDate === null) return null;
  return Math.max(0, wholeDaysBetween(listDate, observedAt));
}

/** Lot size in acres with four decimals. */
export function lotAcres(lotSqft: number | null): number | null {
  return lotSqft === null ? null : roundTo(lotSqft / SQFT_PER_ACRE, 10_000);
}

/** Observed UTC year minus year built; 0 for a home whose completion year is still ahead. */
export function propertyAgeYears(yearBuilt: number | null, observedAt: number): number | null {
  if (yearBuilt === null) return null;
  return Math.max(0, utcYearOf(observedAt) - yearBuilt);
}

function roundTo(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}
