import { describe, expect, it } from 'vitest';
import { parseListing } from '../../../src/domain/parse-listing.js';
import { hasSharedFixtures } from '../../helpers/fixtures.js';
import { numberOrNull, realDatasetRows, STATE_CODES } from '../views/real-dataset.js';
import { fixtureResults, type JsonObject, V3_LIST } from './realtor-fixtures.js';

type Row = Record<string, string>;

/** A real v3 result carrying one dataset row's values, as the v3 API would write them (shallow copies). */
function asV3Result(template: JsonObject, row: Row): JsonObject {
  const acres = numberOrNull(row.acre_lot);
  const location = template.location as JsonObject;
  return {
    ...template,
    status: row.status,
    list_price: numberOrNull(row.price),
    last_sold_date: row.prev_sold_date === '' ? null : row.prev_sold_date,
    description: {
      ...(template.description as JsonObject),
      beds: numberOrNull(row.bed),
      baths: numberOrNull(row.bath),
      sqft: numberOrNull(row.house_size),
      lot_sqft: acres === null ? null : Math.round(acres * 43_560),
    },
    location: {
      ...location,
      address: {
        ...(location.address as JsonObject),
        city: row.city,
        state_code: STATE_CODES[row.state as string],
        postal_code: row.zip_code,
      },
    },
  };
}

describe.skipIf(!hasSharedFixtures)('parseListing over the value ranges of the realtor.com dataset', () => {
  it('accepts every one of the 12,885 rows, territories, $445 lots and 100,000-acre ranches included', () => {
    const template = fixtureResults(V3_LIST)[0] as JsonObject;
    const rows = realDatasetRows();
    const context = { source: 'dataset', searchArea: 'sample', observedAt: Date.UTC(2022, 3, 1) };

    const results = rows.map((row) => parseListing(asV3Result(template, row), context));

    const rejected = results.flatMap((r, i) => (r.ok ? [] : [{ row: i + 2, rejections: r.rejections }]));
    expect(rejected.slice(0, 5)).toEqual([]);
    expect(results).toHaveLength(12_885);
  });

  it('keeps the dataset values: a 100,000-acre lot is 100,000 lot acres, an empty zip is null', () => {
    const template = fixtureResults(V3_LIST)[0] as JsonObject;
    const rows = realDatasetRows();
    const context = { source: 'dataset', searchArea: 'sample', observedAt: Date.UTC(2022, 3, 1) };
    const ranch = rows.find((r) => r.acre_lot === '100000.0') as Row;
    const noZip = rows.find((r) => r.zip_code === '') as Row;

    const [ranchResult, noZipResult] = [ranch, noZip].map((row) =>
      parseListing(asV3Result(template, row), context),
    );

    expect(ranchResult).toMatchObject({ ok: true, record: { lot_acres: 100_000 } });
    expect(noZipResult).toMatchObject({ ok: true, record: { postal_code: null } });
  });
});
