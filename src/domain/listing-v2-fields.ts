import type { FieldSpec, FieldValues } from './field-spec.js';
import { oneOf } from './field-spec.js';
import {
  BATHS,
  FIVE_DIGITS,
  FLAG,
  ID,
  INSTANT,
  LISTING_LIMITS as L,
  LATITUDE,
  LONGITUDE,
  PHOTOS,
  PRICE,
  ROOMS,
  STATE_CODE,
  TEXT,
  YEAR_BUILT,
} from './listing-limits.js';
import type { ListingStatus } from './listing-record.js';

/** v2 `prop_status` values (list-for-sale, list-for-rent, list-sold) and the v3 status each one means. */
export const V2_STATUS = {
  for_sale: 'for_sale',
  for_rent: 'for_rent',
  recently_sold: 'sold',
  sold: 'sold',
  not_for_sale: 'off_market',
  off_market: 'off_market',
  ready_to_build: 'ready_to_build',
  new_community: 'new_community',
  pending: 'pending',
  contingent: 'contingent',
  other: 'other',
} as const satisfies Record<string, ListingStatus>;

/** v2 `prop_status`: one of the names above. */
export const V2_PROP_STATUS = oneOf(
  Object.keys(V2_STATUS) as (keyof typeof V2_STATUS)[],
  'unknown_status',
  true,
);

// v2 sizes are `{ size, units }`; the size bound is the lot bound in either unit (an acre count is always smaller).
export const SIZE = { kind: 'decimal', min: 0, max: L.maxLotSqft } as const;
export const SIZE_UNITS = oneOf(['sqft', 'acres'], 'bad_format', false);
/** Signed change of the asking price; negative when it was reduced. */
export const PRICE_CHANGE = { kind: 'int', min: -L.maxPriceUsd, max: L.maxPriceUsd } as const;

/** The fields of a v2 property (`GET /properties/v2/list-for-sale` and its siblings) the record needs. */
export const V2_FIELDS = [
  { name: 'property_id', path: 'property_id', rule: ID },
  { name: 'listing_id', path: 'listing_id', rule: TEXT },
  { name: 'prop_status', path: 'prop_status', rule: V2_PROP_STATUS },
  { name: 'price', path: 'price', rule: PRICE },
  { name: 'beds', path: 'beds', rule: ROOMS },
  { name: 'baths', path: 'baths', rule: BATHS },
  { name: 'building_size', path: 'building_size.size', rule: SIZE },
  { name: 'building_size_units', path: 'building_size.units', rule: SIZE_UNITS },
  { name: 'lot_size', path: 'lot_size.size', rule: SIZE },
  { name: 'lot_size_units', path: 'lot_size.units', rule: SIZE_UNITS },
  { name: 'prop_type', path: 'prop_type', rule: TEXT },
  { name: 'prop_sub_type', path: 'prop_sub_type', rule: TEXT },
  { name: 'year_built', path: 'year_built', rule: YEAR_BUILT },
  { name: 'list_date', path: 'list_date', rule: INSTANT },
  { name: 'last_update', path: 'last_update', rule: INSTANT },
  { name: 'photo_count', path: 'photo_count', rule: PHOTOS },
  { name: 'rdc_web_url', path: 'rdc_web_url', rule: TEXT },
  { name: 'address_line', path: 'address.line', rule: TEXT },
  { name: 'city', path: 'address.city', rule: TEXT },
  { name: 'state_code', path: 'address.state_code', rule: STATE_CODE },
  { name: 'postal_code', path: 'address.postal_code', rule: FIVE_DIGITS },
  { name: 'county', path: 'address.county', rule: TEXT },
  { name: 'county_fips', path: 'address.fips_code', rule: FIVE_DIGITS },
  { name: 'lat', path: 'address.lat', rule: LATITUDE },
  { name: 'lon', path: 'address.lon', rule: LONGITUDE },
  { name: 'is_new_listing', path: 'client_display_flags.is_new_listing', rule: FLAG },
  { name: 'is_pending', path: 'client_display_flags.is_pending', rule: FLAG },
  { name: 'is_contingent', path: 'client_display_flags.is_contingent', rule: FLAG },
  { name: 'is_foreclosure', path: 'client_display_flags.is_foreclosure', rule: FLAG },
  { name: 'is_new_construction', path: 'client_display_flags.is_new_construction', rule: FLAG },
  { name: 'is_coming_soon', path: 'client_display_flags.is_coming_soon', rule: FLAG },
  { name: 'price_change', path: 'client_display_flags.price_change', rule: PRICE_CHANGE },
] as const satisfies readonly FieldSpec[];

export type V2Fields = FieldValues<typeof V2_FIELDS>;
