import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LISTING_STATUSES, type ListingStatus } from '../../../src/domain/listing-record.js';
import { parseSearchArea, parseSearchAreas, searchAreaLabel } from '../../../src/domain/search-area.js';
import { ConfigError } from '../../../src/errors.js';
import type { SearchArea } from '../../../src/ports/listing-source.js';

describe('parseSearchArea', () => {
  it('parses a postal area with several statuses', () => {
    const area = parseSearchArea('postal:90004:for_sale,sold');

    expect(area).toEqual({ kind: 'postal_code', postalCode: '90004', statuses: ['for_sale', 'sold'] });
  });

  it('parses a city area and upper-cases the state code', () => {
    const area = parseSearchArea('city:Austin,tx:for_rent');

    expect(area).toEqual({ kind: 'city', city: 'Austin', stateCode: 'TX', statuses: ['for_rent'] });
  });

  it('reads + in a city name as a space, so multi-word cities fit in a whitespace-separated list', () => {
    const area = parseSearchArea('city:Salt+Lake+City,UT:sold');

    expect(area).toEqual({ kind: 'city', city: 'Salt Lake City', stateCode: 'UT', statuses: ['sold'] });
  });

  it('asks for for_sale when no status is given', () => {
    expect(parseSearchArea('postal:02135').statuses).toEqual(['for_sale']);
  });

  it('drops a repeated status', () => {
    expect(parseSearchArea('postal:02135:sold,sold,for_sale').statuses).toEqual(['sold', 'for_sale']);
  });

  it.each([
    ['zip:90004:for_sale', /kind 'zip'.*postal.*city/],
    ['postal:9004:for_sale', /postal code '9004'.*5 digits/],
    ['postal:90004:for_sell', /status 'for_sell'.*for_sale/],
    ['city:Austin:for_sale', /'Austin'.*City,ST/],
    ['city:Austin,Texas:for_sale', /state code 'TEXAS'/],
    ['city:Austin,ZZ:for_sale', /state code 'ZZ'/],
    ['city:Au$tin,TX:for_sale', /city name 'Au\$tin'/],
    ['postal:90004:for_sale:extra', /too many ':'/],
    ['', /empty/],
  ])('rejects %j with a ConfigError that says what is wrong', (text, message) => {
    const act = () => parseSearchArea(text);

    expect(act).toThrow(ConfigError);
    expect(act).toThrow(message);
  });
});

describe('parseSearchAreas', () => {
  it('names the position of the bad entry', () => {
    expect(() => parseSearchAreas(['postal:90004', 'postal:x'])).toThrow(/search area #2/);
  });
});

describe('searchAreaLabel', () => {
  it('writes the config form of an area', () => {
    const area: SearchArea = {
      kind: 'city',
      city: 'New York',
      stateCode: 'NY',
      statuses: ['for_sale', 'pending'],
    };

    expect(searchAreaLabel(area)).toBe('city:New+York,NY:for_sale,pending');
  });

  it('gives back the same area when its label is parsed', () => {
    const status = fc.constantFrom<ListingStatus>(...LISTING_STATUSES);
    const statuses = fc.uniqueArray(status, { minLength: 1, maxLength: 4 });
    const word = fc.stringMatching(/^[A-Z][a-z]{1,8}$/);
    const postal = fc.record({
      kind: fc.constant('postal_code' as const),
      postalCode: fc.stringMatching(/^\d{5}$/),
      statuses,
    });
    const city = fc.record({
      kind: fc.constant('city' as const),
      city: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      stateCode: fc.constantFrom('CA', 'TX', 'NY', 'DC', 'PR'),
      statuses,
    });

    fc.assert(
      fc.property(fc.oneof(postal, city), (area: SearchArea) => {
        expect(parseSearchArea(searchAreaLabel(area))).toEqual(area);
      }),
    );
  });
});
