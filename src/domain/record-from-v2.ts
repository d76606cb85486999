import type { ListingRecord, UnsetLineage } from './listing-record.js';
import { V2_STATUS, type V2Fields } from './listing-v2-fields.js';
import { priceOrNull, textOrNull } from './missing-values.js';
import type { RecordStamp } from './record-stamp.js';

// v2 ids carry an 'M' before the v3 id of the same home: M4653612769's list_tracking says prop_id|4653612769 and
// its detail URL ends _M46536-12769, the form every v3 href has. Dropping it lets both APIs key the same property.
const V2_ID_PREFIX = /^M(\d+)$/;
const SQFT_PER_ACRE = 43_560;

/**
 * The record of a v2 property whose fields broke no rule, stamped with its observation. Derived columns are null
 * and event_id empty: parseListing fills them from the finished values.
 */
export function recordFromV2(f: V2Fields, stamp: RecordStamp): ListingRecord {
  const priceChange = f.price_change;
  const record: ListingRecord & UnsetLineage = {
    event_id: '',
    observed_at: stamp.observed_at,
    source: stamp.source,
    search_area: stamp.search_area,
    property_id: f.property_id.replace(V2_ID_PREFIX, '$1'),
    listing_id: textOrNull(f.listing_id),
    status: V2_STATUS[f.prop_status],
    list_price: priceOrNull(f.price),
    list_price_min: null,
    list_price_max: null,
    sold_price: null,
    price_reduced_amount: priceChange !== null && priceChange < 0 ? -priceChange : null,
    estimate: null,
    list_date: f.list_date,
    last_sold_date: null,
    last_update_date: f.last_update,
    beds: f.beds,
    baths: f.baths,
    sqft: squareFeet(f.building_size, f.building_size_units),
    lot_sqft: squareFeet(f.lot_size, f.lot_size_units),
    year_built: f.year_built,
    property_type: textOrNull(f.prop_type),
    sub_type: textOrNull(f.prop_sub_type),
    stories: null,
    garage: null,
    address_line: textOrNull(f.address_line),
    city: textOrNull(f.city),
    state_code: f.state_code,
    postal_code: textOrNull(f.postal_code),
    county: textOrNull(f.county),
    county_fips: textOrNull(f.county_fips),
    lat: f.lat,
    lon: f.lon,
    // price_change is on every v2 row (0 when unchanged), so it answers "reduced?" either way.
    is_price_reduced: priceChange === null ? null : priceChange < 0,
    is_new_listing: f.is_new_listing,
    is_pending: f.is_pending,
    is_contingent: f.is_contingent,
    is_foreclosure: f.is_foreclosure,
    is_new_construction: f.is_new_construction,
    is_coming_soon: f.is_coming_soon,
    photo_count: f.photo_count,
    href: textOrNull(f.rdc_web_url),
    price_per_sqft: null,
    days_on_market: null,
    lot_acres: null,
    property_age_years: null,
    dt: stamp.dt,
    state: f.state_code,
    // Literal values, not a spread of UNSET_LINEAGE: every record then has one shape from its literal.
    run_id: undefined,
    kafka_topic: undefined,
    kafka_partition: undefined,
    kafka_offset: undefined,
  };
  return record;
}

// A size without units is in square feet, as every v2 building_size and lot_size seen is.
function squareFeet(size: number | null, units: 'sqft' | 'acres' | null): number | null {
  if (size === null) return null;
  return Math.round(units === 'acres' ? size * SQFT_PER_ACRE : size);
}
