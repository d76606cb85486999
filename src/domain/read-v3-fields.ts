import { FieldCheck } from './field-check.js';
import {
  BATHS,
  GARAGE,
  LATITUDE,
  LIVING_SQFT,
  LONGITUDE,
  LOT_SQFT,
  PHOTOS,
  PRICE,
  ROOMS,
  STATE_CODE,
  STORIES,
  YEAR_BUILT,
} from './listing-limits.js';
import type { ListingStatus } from './listing-record.js';
import { V3_STATUS, type V3Fields } from './listing-v3-fields.js';
import type { UsStateCode } from './us-state-codes.js';

const STATUSES: ReadonlySet<string> = new Set(V3_STATUS.values);
const STATES: ReadonlySet<string> = new Set(STATE_CODE.values);

/** Reads the V3_FIELDS of a raw v3 result when every one keeps its rule; null when any breaks one. */
export function readV3Fields(raw: Record<string, unknown>, observedYear: number): V3Fields | null {
  const c = new FieldCheck();
  const d = c.object(raw.description);
  const f = c.object(raw.flags);
  const location = c.object(raw.location);
  const address = c.object(location?.address);
  const coordinate = c.object(address?.coordinate);
  const county = c.object(location?.county);
  const fields: V3Fields = {
    property_id: c.id(raw.property_id),
    listing_id: c.text(raw.listing_id),
    status: c.oneOf<ListingStatus>(raw.status, STATUSES, true),
    list_price: c.int(raw.list_price, PRICE),
    list_price_min: c.int(raw.list_price_min, PRICE),
    list_price_max: c.int(raw.list_price_max, PRICE),
    price_reduced_amount: c.int(raw.price_reduced_amount, PRICE),
    last_sold_price: c.int(raw.last_sold_price, PRICE),
    estimate: c.int(c.object(raw.estimate)?.estimate, PRICE),
    list_date: c.instant(raw.list_date),
    last_update_date: c.instant(raw.last_update_date),
    last_sold_date: c.date(raw.last_sold_date),
    photo_count: c.int(raw.photo_count, PHOTOS),
    href: c.text(raw.href),
    permalink: c.text(raw.permalink),
    type: c.text(d?.type),
    sub_type: c.text(d?.sub_type),
    beds: c.int(d?.beds, ROOMS),
    baths: c.decimal(d?.baths, BATHS),
    sqft: c.int(d?.sqft, LIVING_SQFT),
    lot_sqft: c.int(d?.lot_sqft, LOT_SQFT),
    year_built: c.year(d?.year_built, YEAR_BUILT, observedYear),
    stories: c.int(d?.stories, STORIES),
    garage: c.int(d?.garage, GARAGE),
    sold_price: c.int(d?.sold_price, PRICE),
    is_price_reduced: c.flag(f?.is_price_reduced),
    is_new_listing: c.flag(f?.is_new_listing),
    is_pending: c.flag(f?.is_pending),
    is_contingent: c.flag(f?.is_contingent),
    is_foreclosure: c.flag(f?.is_foreclosure),
    is_new_construction: c.flag(f?.is_new_construction),
    is_coming_soon: c.flag(f?.is_coming_soon),
    address_line: c.text(address?.line),
    city: c.text(address?.city),
    state_code: c.oneOf<UsStateCode>(address?.state_code, STATES, true),
    postal_code: c.fiveDigits(address?.postal_code),
    lat: c.decimal(coordinate?.lat, LATITUDE),
    lon: c.decimal(coordinate?.lon, LONGITUDE),
    county: c.text(county?.name),
    county_fips: c.fiveDigits(county?.fips_code),
  };
  return c.ok ? fields : null;
}
