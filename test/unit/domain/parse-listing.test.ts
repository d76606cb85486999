import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../../src/domain/event-id.js';
import { RAW_COLUMNS, type RawListingRow } from '../../../src/domain/listing-record.js';
import { type ParseResult, parseListing } from '../../../src/domain/parse-listing.js';
import type { Rejection } from '../../../src/domain/rejection.js';
import { hasSharedFixtures } from '../../helpers/fixtures.js';
import {
  deletePath,
  fixtureResults,
  type JsonObject,
  setPath,
  V2_LIST,
  V3_LIST,
} from './realtor-fixtures.js';

const context = {
  source: 'realty-in-us/v3',
  searchArea: 'postal_code:90004',
  observedAt: V3_LIST.observedAt,
};

/** The first real v3 result (152 S Berendo St), cloned for this test. */
const berendo = (): JsonObject => fixtureResults(V3_LIST)[0] as JsonObject;

function rejectionsOf(result: ParseResult): Rejection[] {
  if (result.ok) throw new Error(`expected a rejection, got record ${result.record.property_id}`);
  return result.rejections;
}

function recordOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.rejections)}`);
  return result.record;
}

describe.skipIf(!hasSharedFixtures)('the shape of a parsed record', () => {
  it('has every listings_raw column and dt as its own property, lineage unset, from either API shape', () => {
    const v3 = recordOf(parseListing(berendo(), context));
    const v2 = recordOf(
      parseListing(fixtureResults(V2_LIST)[0], { ...context, observedAt: V2_LIST.observedAt }),
    );

    // The transform sets the lineage on rows it keeps until they are written: declared in the literal, they do
    // not give each row a second object (docs/raw-layout.md).
    for (const record of [v3, v2]) {
      const lineage = record as Partial<RawListingRow>;

      expect(Object.keys(record).sort()).toEqual([...RAW_COLUMNS.map((column) => column.name), 'dt'].sort());
      expect([lineage.run_id, lineage.kafka_topic, lineage.kafka_partition, lineage.kafka_offset]).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
    }
    expect(Object.keys(v2)).toEqual(Object.keys(v3));
  });
});

describe.skipIf(!hasSharedFixtures)('parseListing on a v3 result', () => {
  it('accepts a real result and stamps the observation context, partitions and event id', () => {
    const record = recordOf(parseListing(berendo(), context));

    expect(record).toMatchObject({
      observed_at: context.observedAt,
      source: 'realty-in-us/v3',
      search_area: 'postal_code:90004',
      dt: '2024-02-16',
      state: 'CA',
      state_code: 'CA',
    });
    expect(record.event_id).toBe(eventIdFor(record));
  });

  it('rejects a result without property_id as missing_required', () => {
    const raw = deletePath(berendo(), 'property_id');

    expect(rejectionsOf(parseListing(raw, context))).toEqual([
      { reason: 'missing_required', path: 'property_id', value: null },
    ]);
  });

  it('rejects an empty property_id as missing_required and a numeric one as wrong_type', () => {
    expect(rejectionsOf(parseListing(setPath(berendo(), 'property_id', ''), context))).toEqual([
      { reason: 'missing_required', path: 'property_id', value: '' },
    ]);
    expect(rejectionsOf(parseListing(setPath(berendo(), 'property_id', 2661871835), context))).toEqual([
      { reason: 'wrong_type', path: 'property_id', value: 2661871835 },
    ]);
  });

  it('rejects a status the API does not report as unknown_status', () => {
    const raw = setPath(berendo(), 'status', 'for_lease');

    expect(rejectionsOf(parseListing(raw, context))).toEqual([
      { reason: 'unknown_status', path: 'status', value: 'for_lease' },
    ]);
  });

  it.each(['XX', 'ca', 'California', ''])('rejects state_code %j as unknown_state', (code) => {
    const raw = setPath(berendo(), 'location.address.state_code', code);

    expect(rejectionsOf(parseListing(raw, context))).toEqual([
      { reason: 'unknown_state', path: 'location.address.state_code', value: code },
    ]);
  });

  it.each(['DC', 'PR', 'VI', 'GU', 'AS', 'MP'])('accepts the District and territory code %s', (code) => {
    const record = recordOf(parseListing(setPath(berendo(), 'location.address.state_code', code), context));

    expect(record.state).toBe(code);
  });

  it('rejects a result without an address as missing_required at location.address', () => {
    const raw = deletePath(berendo(), 'location.address');

    expect(rejectionsOf(parseListing(raw, context))).toEqual([
      { reason: 'missing_required', path: 'location.address', value: null },
    ]);
  });

  it.each(['9004', '90004-1234', 'ABCDE', ' 90004'])('rejects postal code %j as bad_format', (zip) => {
    const raw = setPath(berendo(), 'location.address.postal_code', zip);

    expect(rejectionsOf(parseListing(raw, context))).toEqual([
      { reason: 'bad_format', path: 'location.address.postal_code', value: zip },
    ]);
  });

  it.each([
    ['list_price', -1],
    ['list_price', 2_000_000_000],
    ['price_reduced_amount', -5000],
    ['description.sqft', -5],
    ['description.lot_sqft', 50_000_000_000],
    ['description.beds', 1000],
    ['description.baths', -1],
    ['location.address.coordinate.lat', 91],
    ['location.address.coordinate.lon', -180.5],
    ['photo_count', -2],
  ])('rejects %s = %d as out_of_range', (path, value) => {
    const raw = setPath(berendo(), path, value);

    expect(rejectionsOf(parseListing(raw, context))).toEqual([{ reason: 'out_of_range', path, value }]);
  });

  it('rejects a year built before 1600 or more than two years after the observation', () => {
    const observedYear = new Date(context.observedAt).getUTCFullYear();

    for (const year of [1599, observedYear + 3]) {
      const raw = setPath(berendo(), 'description.year_built', year);
      expect(rejectionsOf(parseListing(raw, context))).toEqual([
        { reason: 'out_of_range', path: 'description.year_built', value: year },
      ]);
    }
  });

  it('accepts the completion year of a home under construction, one or two years ahead', () => {
    const observedYear = new Date(context.observedAt).getUTCFullYear();
    const raw = setPath(berendo(), 'description.year_built', observedYear + 2);

    expect(recordOf(parseListing(raw, context))).toMatchObject({
      year_built: observedYear + 2,
      property_age_years: 0,
    });
  });

  it.each([
    ['list_date', 'last Tuesday'],
    ['list_date', '2024-02-30T04:07:56.000000Z'],
    ['last_update_date', '2024-02-15 25:00'],
    ['last_sold_date', '2001-13-01'],
  ])('rejects an unparsable %s %j as bad_format', (path, value) => {
    const raw = setPath(berendo(), path, value);

    expect(rejectionsOf(parseListing(raw, context))).toEqual([{ reason: 'bad_format', path, value }]);
  });

  it.each([
    ['list_price', '2000000'],
    ['list_price', 1999999.5],
    ['list_date', 1707970076000],
    ['description.beds', '9'],
    ['flags.is_new_listing', 'yes'],
    ['location.address.coordinate.lat', '34.07'],
    ['location.address.city', 42],
    ['description', 'multi_family'],
  ])('makes schema drift visible: %s = %j is wrong_type, not a silent null', (path, value) => {
    const raw = setPath(berendo(), path, value);

    expect(rejectionsOf(parseListing(raw, context))).toEqual([{ reason: 'wrong_type', path, value }]);
  });

  it('keeps every problem of a record, not only the first', () => {
    const raw = berendo();
    deletePath(raw, 'property_id');
    setPath(raw, 'status', 'gone');
    setPath(raw, 'location.address.coordinate.lat', 123);
    setPath(raw, 'description.sqft', 'big');

    const reasons = rejectionsOf(parseListing(raw, context)).map((r) => `${r.reason}@${r.path}`);

    expect(reasons.sort()).toEqual(
      [
        'missing_required@property_id',
        'unknown_status@status',
        'out_of_range@location.address.coordinate.lat',
        'wrong_type@description.sqft',
      ].sort(),
    );
  });

  it.each([null, [], 'a listing', 42, true])('rejects %j as not_an_object at the root', (raw) => {
    expect(rejectionsOf(parseListing(raw, context))).toEqual([
      { reason: 'not_an_object', path: '$', value: raw },
    ]);
  });

  it('rejects an object that is neither a v3 nor a v2 result as unknown_shape, naming its keys', () => {
    const envelope = { data: { home_search: { results: [] } }, meta: {} };

    expect(rejectionsOf(parseListing(envelope, context))).toEqual([
      { reason: 'unknown_shape', path: '$', value: ['data', 'meta'] },
    ]);
  });

  it('records missing values as null, never 0 or the empty string', () => {
    const raw = berendo();
    setPath(raw, 'location.address.city', '');
    setPath(raw, 'location.address.postal_code', '');
    setPath(raw, 'list_price', 0);
    deletePath(raw, 'description.sqft');

    const record = recordOf(parseListing(raw, context));

    expect(record).toMatchObject({
      city: null,
      postal_code: null,
      list_price: null,
      sqft: null,
      price_per_sqft: null,
    });
  });

  it('gives the same event id to the same listing fetched twice the same day, a new one when its price moves', () => {
    const morning = recordOf(
      parseListing(berendo(), { ...context, observedAt: context.observedAt + 3_600_000 }),
    );
    const evening = recordOf(
      parseListing(berendo(), { ...context, observedAt: context.observedAt + 72_000_000 }),
    );
    const repriced = recordOf(parseListing(setPath(berendo(), 'list_price', 1_950_000), context));

    expect(evening.event_id).toBe(morning.event_id);
    expect(repriced.event_id).not.toBe(morning.event_id);
  });
});
