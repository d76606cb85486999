import { hash } from 'node:crypto';
import type { ListingRecord } from './listing-record.js';

/**
 * What makes one observation: the listing, the UTC day it was observed, and its state on the market (status,
 * prices, flags of the sale's progress, and the API's own dates, which move whenever the listing is edited).
 * Left out on purpose: the hour (a re-fetch the same day is the same observation), where it was fetched from
 * (source, search_area: overlapping areas return the same listing), and descriptive or derived columns.
 */
export const EVENT_ID_FIELDS = [
  'property_id',
  'dt',
  'listing_id',
  'status',
  'list_price',
  'list_price_min',
  'list_price_max',
  'sold_price',
  'price_reduced_amount',
  'list_date',
  'last_update_date',
  'last_sold_date',
  'is_pending',
  'is_contingent',
  'is_coming_soon',
  'is_foreclosure',
] as const satisfies readonly (keyof ListingRecord)[];

export type EventIdField = (typeof EVENT_ID_FIELDS)[number];
export type EventIdInput = Pick<ListingRecord, EventIdField>;

// Bump when EVENT_ID_FIELDS or the encoding changes, so old and new ids can never be confused.
export const EVENT_ID_VERSION = 'listing-observation/v1';
const EVENT_ID_HEX_CHARS = 32;

/** Stable id of one observation: a 128-bit hex prefix of sha-256 over the identity fields, in a fixed order. */
export function eventIdFor(o: EventIdInput): string {
  // JSON of an array keeps every value typed and delimited: null ≠ 0 ≠ "", and no separator can be forged.
  // The array is EVENT_ID_FIELDS in order, read by name: a loop over the list would read 16 names at one site
  // (a megamorphic keyed load per field). test/unit/domain/event-id.test.ts holds it to the list's loop.
  const text = JSON.stringify([
    EVENT_ID_VERSION,
    o.property_id,
    o.dt,
    o.listing_id,
    o.status,
    o.list_price,
    o.list_price_min,
    o.list_price_max,
    o.sold_price,
    o.price_reduced_amount,
    o.list_date,
    o.last_update_date,
    o.last_sold_date,
    o.is_pending,
    o.is_contingent,
    o.is_coming_soon,
    o.is_foreclosure,
  ]);
  // The hex of the digest's first bytes, not a slice of the whole hex: a slice keeps its 64-character parent alive
  // for as long as the row is kept.
  return hash('sha256', text, 'buffer').toString('hex', 0, EVENT_ID_HEX_CHARS / 2);
}
