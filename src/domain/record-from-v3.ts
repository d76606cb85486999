import type { ListingRecord, UnsetLineage } from './listing-record.js';
import type { V3Fields } from './listing-v3-fields.js';
import { priceOrNull, textOrNull } from './missing-values.js';
import type { RecordStamp } from './record-stamp.js';

// realtor.com detail pages live at this prefix + permalink (every v3 `href` has this form).
const DETAIL_URL_PREFIX = 'https://www.realtor.com/realestateandhomes-detail/';

/**
 * The record of a v3 result whose fields broke no rule, stamped with its observation. Derived columns are null
 * and event_id empty: parseListing fills them from the finished values.
 */
export function recordFromV3(f: V3Fields, stamp: RecordStamp): ListingRecord {
  const record: ListingRecord & UnsetLineage = {
    event_id: '',
    observed_at: stamp.observed_at,
    source: stamp.source,
    search_area: stamp.search_area,
    property_id: f.property_id,
    listing_id: textOrNull(f.listing_id),
    status: f.status,
    list_price: priceOrNull(f.list_price),
    list_price_min: priceOrNull(f.list_price_min),
    list_price_max: priceOrNull(f.list_price_max),
    // description.sold_price is the sale of a sold listing; last_sold_price the previous sale of any listing.
    sold_price: priceOrNull(f.sold_price) ?? priceOrNull(f.last_sold_price),
    price_reduced_amount: priceOrNull(f.price_reduced_amount),
    estimate: priceOrNull(f.estimate),
    list_date: f.list_date,
    last_sold_date: f.last_sold_date,
    last_update_date: f.last_update_date,
    beds: f.beds,
    baths: f.baths,
    sqft: f.sqft,
    lot_sqft: f.lot_sqft,
    year_built: f.year_built,
    property_type: textOrNull(f.type),
    sub_type: textOrNull(f.sub_type),
    stories: f.stories,
    garage: f.garage,
    address_line: textOrNull(f.address_line),
    city: textOrNull(f.city),
    state_code: f.state_code,
    postal_code: textOrNull(f.postal_code),
    county: textOrNull(f.county),
    county_fips: textOrNull(f.county_fips),
    lat: f.lat,
    lon: f.lon,
    is_price_reduced: f.is_price_reduced,
    is_new_listing: f.is_new_listing,
    is_pending: f.is_pending,
    is_contingent: f.is_contingent,
    is_foreclosure: f.is_foreclosure,
    is_new_construction: f.is_new_construction,
    is_coming_soon: f.is_coming_soon,
    photo_count: f.photo_count,
    href: textOrNull(f.href) ?? (f.permalink ? DETAIL_URL_PREFIX + f.permalink : null),
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
