import { describe, expect, it } from 'vitest';
import { LISTING_COLUMNS, type ListingRecord, REQUIRED_COLUMNS } from '../../../src/domain/listing-record.js';
import { parseListing } from '../../../src/domain/parse-listing.js';
import { hasSharedFixtures } from '../../helpers/fixtures.js';
import {
  ALL_FIXTURES,
  fixtureResults,
  NEXT_DATA,
  RENTALS,
  type RealtorFixture,
  V2_LIST,
  V3_LIST,
} from './realtor-fixtures.js';

function parseAll(fixture: RealtorFixture) {
  const context = { source: 'fixture', searchArea: fixture.name, observedAt: fixture.observedAt };
  return fixtureResults(fixture).map((raw) => parseListing(raw, context));
}

function acceptedRecords(fixture: RealtorFixture): ListingRecord[] {
  return parseAll(fixture).flatMap((result) => (result.ok ? [result.record] : []));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function columnProblems(record: ListingRecord): string[] {
  const problems: string[] = [];
  for (const { name, type } of LISTING_COLUMNS) {
    const value = record[name];
    if (value === null) {
      if (REQUIRED_COLUMNS.has(name)) problems.push(`${name} is null`);
      continue;
    }
    const fits =
      type === 'string'
        ? typeof value === 'string' && value !== ''
        : type === 'boolean'
          ? typeof value === 'boolean'
          : type === 'date'
            ? typeof value === 'string' && DATE.test(value)
            : type === 'double'
              ? typeof value === 'number' && Number.isFinite(value)
              : Number.isSafeInteger(value);
    if (!fits) problems.push(`${name} = ${JSON.stringify(value)} is not a ${type}`);
  }
  return problems;
}

describe.skipIf(!hasSharedFixtures)('parseListing on every real response', () => {
  // Counted by hand: every result in these files is a genuine listing (land with 0 beds, a 25-bed rental and a
  // 1,920-acre Bronx lot included: odd, but within what a listing can be), so every one must be accepted.
  it.each([
    [V3_LIST, 10],
    [NEXT_DATA, 42],
    [RENTALS, 42],
    [V2_LIST, 200],
  ] as const)('accepts all results of $name ($1)', (fixture, expected) => {
    const results = parseAll(fixture);

    const rejected = results.flatMap((r, i) => (r.ok ? [] : [{ i, rejections: r.rejections }]));

    expect(rejected).toEqual([]);
    expect(results).toHaveLength(expected);
  });

  it('fills every column with null or a value of its column type, required ones never null', () => {
    const records = ALL_FIXTURES.flatMap(acceptedRecords);

    const problems = records.flatMap((record) =>
      columnProblems(record).map((p) => `${record.property_id}: ${p}`),
    );

    expect(problems).toEqual([]);
    expect(records).toHaveLength(294);
  });

  it('keeps what the API left out as null: 12 areas, 3 coordinates and 3 FIPS codes in the Alpine page', () => {
    const records = acceptedRecords(NEXT_DATA);

    expect(records.filter((r) => r.sqft === null)).toHaveLength(12);
    expect(records.filter((r) => r.sqft === null).every((r) => r.price_per_sqft === null)).toBe(true);
    expect(records.filter((r) => r.lat === null && r.lon === null)).toHaveLength(3);
    expect(records.filter((r) => r.county_fips === null)).toHaveLength(3);
  });

  it('maps the first v3 list result field by field', () => {
    const [record] = acceptedRecords(V3_LIST);

    expect(record).toEqual({
      event_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      observed_at: Date.UTC(2024, 1, 16),
      source: 'fixture',
      search_area: V3_LIST.name,
      property_id: '2661871835',
      listing_id: '2964125083',
      status: 'for_sale',
      list_price: 2_000_000,
      list_price_min: null,
      list_price_max: null,
      sold_price: 246_000,
      price_reduced_amount: null,
      estimate: null,
      list_date: Date.UTC(2024, 1, 15, 4, 7, 56),
      last_sold_date: '2001-01-12',
      last_update_date: null,
      beds: 9,
      baths: 7,
      sqft: 5984,
      lot_sqft: 8315,
      year_built: null,
      property_type: 'multi_family',
      sub_type: null,
      stories: null,
      garage: null,
      address_line: '152 S Berendo St',
      city: 'Los Angeles',
      state_code: 'CA',
      postal_code: '90004',
      county: null,
      county_fips: '06037',
      lat: 34.071225,
      lon: -118.2938,
      is_price_reduced: null,
      is_new_listing: true,
      is_pending: null,
      is_contingent: null,
      is_foreclosure: null,
      is_new_construction: null,
      is_coming_soon: null,
      photo_count: 15,
      href: 'https://www.realtor.com/realestateandhomes-detail/152-S-Berendo-St-1-4_Los-Angeles_CA_90004_M26618-71835',
      price_per_sqft: 334.22,
      days_on_market: 0,
      lot_acres: 0.1909,
      property_age_years: null,
      dt: '2024-02-16',
      state: 'CA',
    });
  });

  it('reads the estimate object of a v3 result', () => {
    const records = acceptedRecords(V3_LIST);

    expect(records.map((r) => r.estimate).filter((e) => e !== null)).toContain(1_257_100);
  });

  it('maps a price-reduced realtor.com result with county name, garage, stories and its permalink', () => {
    const record = acceptedRecords(NEXT_DATA).find((r) => r.property_id === '1399406931');

    expect(record).toMatchObject({
      list_price: 849_000,
      price_reduced_amount: 26_000,
      is_price_reduced: true,
      is_new_listing: false,
      list_date: Date.UTC(2021, 2, 11, 2, 57, 22),
      last_update_date: Date.UTC(2021, 2, 28, 8, 0, 1),
      beds: 6,
      baths: 4,
      garage: 2,
      stories: 3,
      sqft: 5234,
      year_built: 1989,
      county: 'Utah',
      county_fips: '49049',
      postal_code: '84004',
      href: 'https://www.realtor.com/realestateandhomes-detail/980-Eastview-Dr_Alpine_UT_84004_M13994-06931',
      days_on_market: 26,
      property_age_years: 32,
      price_per_sqft: 162.21,
      lot_acres: 0.4,
    });
  });

  it('maps a rental with its monthly rent, leading-zero zip and the flags it has', () => {
    const [record] = acceptedRecords(RENTALS);

    expect(record).toMatchObject({
      property_id: '3407230394',
      status: 'for_rent',
      list_price: 5000,
      list_price_min: null,
      list_price_max: null,
      postal_code: '02135',
      county: 'Suffolk',
      county_fips: '25025',
      sqft: 2074,
      year_built: 1920,
      property_type: 'single_family',
      is_new_listing: true,
      is_pending: null,
      is_price_reduced: null,
      price_per_sqft: 2.41,
      property_age_years: 103,
      last_update_date: null,
    });
  });

  it('maps the first v2 property: M-prefixed id, sizes with units, last_update, price_change', () => {
    const records = acceptedRecords(V2_LIST);
    const first = records[0];
    const reduced = records.find((r) => r.property_id === '4732549862');

    expect(first).toMatchObject({
      property_id: '4653612769',
      listing_id: '2919940250',
      status: 'for_sale',
      list_price: 699_000,
      beds: 3,
      baths: 2,
      sqft: 1200,
      lot_sqft: 4000,
      property_type: 'single_family',
      sub_type: null,
      address_line: '1545 E 34th St',
      city: 'Brooklyn',
      state_code: 'NY',
      postal_code: '11234',
      county: 'Kings',
      county_fips: '36047',
      lat: 40.617142,
      lon: -73.941815,
      list_date: null,
      last_update_date: Date.UTC(2020, 7, 13, 14, 11, 41),
      is_new_listing: true,
      is_price_reduced: false,
      price_reduced_amount: null,
      photo_count: 18,
      href: 'https://www.realtor.com/realestateandhomes-detail/1545-E-34th-St_Brooklyn_NY_11234_M46536-12769',
      price_per_sqft: 582.5,
      days_on_market: null,
    });
    expect(reduced).toMatchObject({
      list_price: 2_380_000,
      price_reduced_amount: 170_000,
      is_price_reduced: true,
    });
  });
});
