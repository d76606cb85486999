import { describe, expect, it } from 'vitest';
import { type ParseResult, parseListing } from '../../../src/domain/parse-listing.js';
import { hasSharedFixtures } from '../../helpers/fixtures.js';
import { deletePath, fixtureResults, type JsonObject, setPath, V2_LIST } from './realtor-fixtures.js';

const context = { source: 'realtor/v2', searchArea: 'city:New York City,NY', observedAt: V2_LIST.observedAt };

/** The first real v2 property (1545 E 34th St, Brooklyn), cloned for this test. */
const brooklyn = (): JsonObject => fixtureResults(V2_LIST)[0] as JsonObject;

function recordOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a record, got ${JSON.stringify(result.rejections)}`);
  return result.record;
}

describe.skipIf(!hasSharedFixtures)('parseListing on a v2 property', () => {
  it.each([
    ['recently_sold', 'sold'],
    ['not_for_sale', 'off_market'],
    ['for_rent', 'for_rent'],
  ])('maps prop_status %s onto the v3 status %s', (propStatus, status) => {
    const record = recordOf(parseListing(setPath(brooklyn(), 'prop_status', propStatus), context));

    expect(record.status).toBe(status);
  });

  it('rejects an unknown prop_status as unknown_status at prop_status', () => {
    const result = parseListing(setPath(brooklyn(), 'prop_status', 'auction'), context);

    expect(result).toEqual({
      ok: false,
      rejections: [{ reason: 'unknown_status', path: 'prop_status', value: 'auction' }],
    });
  });

  it('converts a lot size given in acres to square feet', () => {
    const raw = setPath(brooklyn(), 'lot_size', { size: 0.25, units: 'acres' });

    expect(recordOf(parseListing(raw, context))).toMatchObject({ lot_sqft: 10_890, lot_acres: 0.25 });
  });

  it('rejects a size in a unit it cannot convert as bad_format', () => {
    const raw = setPath(brooklyn(), 'building_size', { size: 110, units: 'sqm' });

    expect(parseListing(raw, context)).toEqual({
      ok: false,
      rejections: [{ reason: 'bad_format', path: 'building_size.units', value: 'sqm' }],
    });
  });

  it('rejects a v2 address with an unknown state and a bad latitude, both at once', () => {
    const raw = brooklyn();
    setPath(raw, 'address.state_code', 'ZZ');
    setPath(raw, 'address.lat', -95);

    const result = parseListing(raw, context);

    expect(result).toEqual({
      ok: false,
      rejections: [
        { reason: 'unknown_state', path: 'address.state_code', value: 'ZZ' },
        { reason: 'out_of_range', path: 'address.lat', value: -95 },
      ],
    });
  });

  it('makes a price sent as text visible as wrong_type', () => {
    const result = parseListing(setPath(brooklyn(), 'price', '$699,000'), context);

    expect(result).toEqual({
      ok: false,
      rejections: [{ reason: 'wrong_type', path: 'price', value: '$699,000' }],
    });
  });

  it('keeps a v2 id that does not follow the M-prefix rule as it is', () => {
    const record = recordOf(parseListing(setPath(brooklyn(), 'property_id', 'O1754163418'), context));

    expect(record.property_id).toBe('O1754163418');
  });

  it('reads a property without client_display_flags as having unknown flags', () => {
    const record = recordOf(parseListing(deletePath(brooklyn(), 'client_display_flags'), context));

    expect(record).toMatchObject({
      is_new_listing: null,
      is_price_reduced: null,
      price_reduced_amount: null,
    });
  });
});
