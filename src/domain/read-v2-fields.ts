import { FieldCheck } from './field-check.js';
import {
  BATHS,
  LATITUDE,
  LONGITUDE,
  PHOTOS,
  PRICE,
  ROOMS,
  STATE_CODE,
  YEAR_BUILT,
} from './listing-limits.js';
import { PRICE_CHANGE, SIZE, SIZE_UNITS, V2_PROP_STATUS, type V2Fields } from './listing-v2-fields.js';
import type { UsStateCode } from './us-state-codes.js';

type PropStatus = V2Fields['prop_status'];
type SizeUnits = NonNullable<V2Fields['lot_size_units']>;

const PROP_STATUSES: ReadonlySet<string> = new Set(V2_PROP_STATUS.values);
const UNITS: ReadonlySet<string> = new Set(SIZE_UNITS.values);
const STATES: ReadonlySet<string> = new Set(STATE_CODE.values);

/** Reads the V2_FIELDS of a raw v2 property when every one keeps its rule; null when any breaks one. */
export function readV2Fields(raw: Record<string, unknown>, observedYear: number): V2Fields | null {
  const c = new FieldCheck();
  const building = c.object(raw.building_size);
  const lot = c.object(raw.lot_size);
  const address = c.object(raw.address);
  const flags = c.object(raw.client_display_flags);
  const fields: V2Fields = {
    property_id: c.id(raw.property_id),
    listing_id: c.text(raw.listing_id),
    prop_status: c.oneOf<PropStatus>(raw.prop_status, PROP_STATUSES, true),
    price: c.int(raw.price, PRICE),
    beds: c.int(raw.beds, ROOMS),
    baths: c.decimal(raw.baths, BATHS),
    building_size: c.decimal(building?.size, SIZE),
    building_size_units: c.oneOf<SizeUnits>(building?.units, UNITS, false),
    lot_size: c.decimal(lot?.size, SIZE),
    lot_size_units: c.oneOf<SizeUnits>(lot?.units, UNITS, false),
    prop_type: c.text(raw.prop_type),
    prop_sub_type: c.text(raw.prop_sub_type),
    year_built: c.year(raw.year_built, YEAR_BUILT, observedYear),
    list_date: c.instant(raw.list_date),
    last_update: c.instant(raw.last_update),
    photo_count: c.int(raw.photo_count, PHOTOS),
    rdc_web_url: c.text(raw.rdc_web_url),
    address_line: c.text(address?.line),
    city: c.text(address?.city),
    state_code: c.oneOf<UsStateCode>(address?.state_code, STATES, true),
    postal_code: c.fiveDigits(address?.postal_code),
    county: c.text(address?.county),
    county_fips: c.fiveDigits(address?.fips_code),
    lat: c.decimal(address?.lat, LATITUDE),
    lon: c.decimal(address?.lon, LONGITUDE),
    is_new_listing: c.flag(flags?.is_new_listing),
    is_pending: c.flag(flags?.is_pending),
    is_contingent: c.flag(flags?.is_contingent),
    is_foreclosure: c.flag(flags?.is_foreclosure),
    is_new_construction: c.flag(flags?.is_new_construction),
    is_coming_soon: c.flag(flags?.is_coming_soon),
    price_change: c.int(flags?.price_change, PRICE_CHANGE),
  };
  return c.ok ? fields : null;
}
