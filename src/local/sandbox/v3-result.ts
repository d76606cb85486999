import type { ListingSnapshot } from './listing-snapshot.js';
import { hash3 } from './seeded-random.js';
import { v3Advertiser, v3LeadAttributes, v3Products, v3Source } from './v3-agent-fields.js';

/** One result object of `POST /properties/v3/list`, as plain JSON. */
export type V3Result = Record<string, unknown>;

const TIME_ZONES: Readonly<Record<string, string>> = {
  CA: 'PST',
  WA: 'PST',
  OR: 'PST',
  AZ: 'MST',
  UT: 'MST',
  CO: 'MST',
};
const CENTRAL = new Set(['TX', 'IL', 'TN', 'MN']);

/**
 * Renders a snapshot in the v3 result shape of the real response (realty-in-us, Feb 2024): the same keys in
 * the same order, `__typename` on every object, null where the API sends null, flags null rather than false.
 * A few fields the canonical record needs and that real realtor.com v3 results also carry are added:
 * `last_update_date`, `location.county.name`, `description.{year_built,garage,stories,sold_price}`.
 */
export function toV3Result(s: ListingSnapshot): V3Result {
  const p = s.profile;
  return {
    __typename: 'SearchHome',
    property_id: p.propertyId,
    listing_id: p.listingId,
    plan_id: null,
    status: rawStatus(s),
    photo_count: p.photoCount,
    branding: [{ __typename: 'Branding', photo: null, name: p.people.officeName, phone: null, link: null }],
    location: location(s),
    open_houses: s.openHouses === null ? null : s.openHouses.map((o) => openHouse(o, p.zip.stateCode)),
    description: description(s),
    virtual_tours: null,
    matterport: p.matterport,
    advertisers: [v3Advertiser(s)],
    flags: flags(s),
    source: v3Source(s),
    pet_policy: null,
    community: null,
    primary_photo: p.photoCount === 0 ? null : { __typename: 'Photo', href: photoHref(s) },
    href: detailHref(s),
    list_price: s.listPrice,
    list_price_min: p.priceRange?.min ?? null,
    list_price_max: p.priceRange?.max ?? null,
    price_reduced_amount: s.priceReducedAmount,
    estimate: s.estimate === null ? null : { __typename: 'LatestEstimate', estimate: s.estimate },
    lead_attributes: v3LeadAttributes(s),
    last_sold_date: s.lastSoldDate,
    list_date: s.listDate,
    products: v3Products(s),
    last_sold_price: s.lastSoldPrice,
    last_update_date: s.lastUpdateDate,
  };
}

/** Homes under contract keep status for_sale; the API says so in flags.is_contingent / flags.is_pending. */
function rawStatus(s: ListingSnapshot): string {
  return s.stage === 'contingent' || s.stage === 'pending' ? 'for_sale' : s.stage;
}

function addressLine(s: ListingSnapshot): string {
  const p = s.profile;
  return `${p.streetNumber} ${p.streetName} ${p.streetSuffix}`;
}

function location(s: ListingSnapshot) {
  const { zip } = s.profile;
  const line = addressLine(s);
  const place = encodeURIComponent(`${line}, ${zip.city}, ${zip.stateCode} ${zip.postalCode}`);
  const coordinate =
    s.profile.lat === null || s.profile.lon === null
      ? null
      : { __typename: 'Coordinate', lat: s.profile.lat, lon: s.profile.lon, accuracy: null };
  return {
    __typename: 'SearchHomeLocation',
    address: {
      __typename: 'SearchHomeAddress',
      city: zip.city,
      line,
      street_name: s.profile.streetName,
      street_number: s.profile.streetNumber,
      street_suffix: s.profile.streetSuffix,
      country: 'USA',
      postal_code: zip.postalCode,
      state_code: zip.stateCode,
      state: zip.state,
      coordinate,
    },
    street_view_url:
      'https://maps.googleapis.com/maps/api/streetview?channel=rdc-streetview&client=gme-movesalesinc' +
      `&location=${place}&size=640x480&source=outdoor&signature=${signature(s)}=`,
    county: { __typename: 'HomeCounty', fips_code: zip.countyFips, name: zip.county },
  };
}

function openHouse(o: { start: string; end: string }, stateCode: string) {
  const zone = TIME_ZONES[stateCode] ?? (CENTRAL.has(stateCode) ? 'CST' : 'EST');
  return {
    __typename: 'HomeOpenHouse',
    start_date: o.start,
    end_date: o.end,
    description: null,
    time_zone: zone,
  };
}

function description(s: ListingSnapshot) {
  const p = s.profile;
  const range = p.priceRange !== null;
  return {
    __typename: 'SearchHomeDescription',
    sub_type: p.type === 'condos' && p.stories === null ? 'condo' : null,
    type: p.type,
    beds: p.beds,
    baths: p.bathsFull === null ? null : p.bathsFull + (p.bathsHalf ?? 0),
    lot_sqft: p.lotSqft,
    sqft: p.sqft,
    beds_max: range ? 3 : null,
    beds_min: range ? 0 : null,
    sqft_max: range ? 1_250 : null,
    sqft_min: range ? 450 : null,
    baths_full: p.bathsFull,
    baths_half: p.bathsHalf,
    baths_min: range ? 1 : null,
    baths_max: range ? 2 : null,
    baths_full_calc: p.bathsFull,
    baths_partial_calc: p.bathsHalf,
    year_built: p.yearBuilt,
    garage: p.garage,
    stories: p.stories,
    sold_price: s.soldPrice,
  };
}

function flags(s: ListingSnapshot) {
  return {
    __typename: 'HomeFlags',
    is_price_reduced: s.priceReducedAmount === null ? null : true,
    is_new_construction: s.profile.newConstruction ? true : null,
    is_foreclosure: s.profile.foreclosure ? true : null,
    is_plan: null,
    is_new_listing: s.isNewListing && s.stage !== 'sold' ? true : null,
    is_coming_soon: null,
    is_contingent: s.stage === 'contingent' ? true : null,
    is_pending: s.stage === 'pending' ? true : null,
  };
}

function detailHref(s: ListingSnapshot): string {
  const { zip, propertyId } = s.profile;
  const slug = `${addressLine(s)}_${zip.city}_${zip.stateCode}_${zip.postalCode}`.replaceAll(' ', '-');
  return `https://www.realtor.com/realestateandhomes-detail/${slug}_M${propertyId.slice(0, 5)}-${propertyId.slice(5)}`;
}

function photoHref(s: ListingSnapshot): string {
  const key = s.profile.photoKey;
  const hex = [1, 2, 3, 4].map((k) => hash3(key, s.profile.index, k).toString(16).padStart(8, '0')).join('');
  return `https://ap.rdcpix.com/${hex}l-m${hash3(key, 5, 5)}s.jpg`;
}

function signature(s: ListingSnapshot): string {
  const bytes = Buffer.alloc(20);
  for (let k = 0; k < 5; k += 1)
    bytes.writeUInt32BE(hash3(s.profile.photoKey, s.profile.index, 10 + k), k * 4);
  return bytes.toString('base64url').slice(0, 27);
}
