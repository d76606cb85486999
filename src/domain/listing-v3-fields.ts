import type { FieldSpec, FieldValues } from './field-spec.js';
import { oneOf } from './field-spec.js';
import {
  BATHS,
  DATE,
  FIVE_DIGITS,
  FLAG,
  GARAGE,
  ID,
  INSTANT,
  LATITUDE,
  LIVING_SQFT,
  LONGITUDE,
  LOT_SQFT,
  PHOTOS,
  PRICE,
  ROOMS,
  STATE_CODE,
  STORIES,
  TEXT,
  YEAR_BUILT,
} from './listing-limits.js';
import { LISTING_STATUSES } from './listing-record.js';

/** v3 `status`: one of the statuses the record knows. */
export const V3_STATUS = oneOf(LISTING_STATUSES, 'unknown_status', true);

/**
 * The fields of a v3 result the record needs: `POST /properties/v3/list` (`data.home_search.results[]`),
 * `GET /properties/v3/detail` (`data.home`) and realtor.com page data share this shape. Other keys are ignored.
 */
export const V3_FIELDS = [
  { name: 'property_id', path: 'property_id', rule: ID },
  { name: 'listing_id', path: 'listing_id', rule: TEXT },
  { name: 'status', path: 'status', rule: V3_STATUS },
  { name: 'list_price', path: 'list_price', rule: PRICE },
  // Rentals of a building or community give a rent range instead of (or besides) one price.
  { name: 'list_price_min', path: 'list_price_min', rule: PRICE },
  { name: 'list_price_max', path: 'list_price_max', rule: PRICE },
  { name: 'price_reduced_amount', path: 'price_reduced_amount', rule: PRICE },
  { name: 'last_sold_price', path: 'last_sold_price', rule: PRICE },
  { name: 'estimate', path: 'estimate.estimate', rule: PRICE },
  { name: 'list_date', path: 'list_date', rule: INSTANT },
  { name: 'last_update_date', path: 'last_update_date', rule: INSTANT },
  { name: 'last_sold_date', path: 'last_sold_date', rule: DATE },
  { name: 'photo_count', path: 'photo_count', rule: PHOTOS },
  { name: 'href', path: 'href', rule: TEXT },
  { name: 'permalink', path: 'permalink', rule: TEXT },
  { name: 'type', path: 'description.type', rule: TEXT },
  { name: 'sub_type', path: 'description.sub_type', rule: TEXT },
  { name: 'beds', path: 'description.beds', rule: ROOMS },
  { name: 'baths', path: 'description.baths', rule: BATHS },
  { name: 'sqft', path: 'description.sqft', rule: LIVING_SQFT },
  { name: 'lot_sqft', path: 'description.lot_sqft', rule: LOT_SQFT },
  { name: 'year_built', path: 'description.year_built', rule: YEAR_BUILT },
  { name: 'stories', path: 'description.stories', rule: STORIES },
  { name: 'garage', path: 'description.garage', rule: GARAGE },
  { name: 'sold_price', path: 'description.sold_price', rule: PRICE },
  { name: 'is_price_reduced', path: 'flags.is_price_reduced', rule: FLAG },
  { name: 'is_new_listing', path: 'flags.is_new_listing', rule: FLAG },
  { name: 'is_pending', path: 'flags.is_pending', rule: FLAG },
  { name: 'is_contingent', path: 'flags.is_contingent', rule: FLAG },
  { name: 'is_foreclosure', path: 'flags.is_foreclosure', rule: FLAG },
  { name: 'is_new_construction', path: 'flags.is_new_construction', rule: FLAG },
  { name: 'is_coming_soon', path: 'flags.is_coming_soon', rule: FLAG },
  { name: 'address_line', path: 'location.address.line', rule: TEXT },
  { name: 'city', path: 'location.address.city', rule: TEXT },
  { name: 'state_code', path: 'location.address.state_code', rule: STATE_CODE },
  { name: 'postal_code', path: 'location.address.postal_code', rule: FIVE_DIGITS },
  { name: 'lat', path: 'location.address.coordinate.lat', rule: LATITUDE },
  { name: 'lon', path: 'location.address.coordinate.lon', rule: LONGITUDE },
  { name: 'county', path: 'location.county.name', rule: TEXT },
  { name: 'county_fips', path: 'location.county.fips_code', rule: FIVE_DIGITS },
] as const satisfies readonly FieldSpec[];

export type V3Fields = FieldValues<typeof V3_FIELDS>;
