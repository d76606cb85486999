import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertKeyPrefix, assertObjectKey } from '../../../src/adapters/object-store/object-key.js';
import { parseListing } from '../../../src/domain/parse-listing.js';
import { partitionPrefix, RAW_LISTINGS_PREFIX, rawObjectKey } from '../../../src/domain/partition-path.js';
import { InputError } from '../../../src/errors.js';
import { rawFilter } from '../../../src/pipeline/reconcile-sql.js';
import { fixtureResults, setPath, V3_LIST } from '../domain/realtor-fixtures.js';
import { hostileText } from './hostile-values.js';

const SAFE_PARTITION = /^raw\/listings\/dt=\d{4}-\d{2}-\d{2}\/state=[A-Z]{2}\/$/;

/** Either a typed refusal, or a key that stays inside the table's prefix. */
function expectContained(build: () => string, pattern: RegExp): void {
  let key: string;
  try {
    key = build();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return;
  }
  expect(key).toMatch(pattern);
  expect(key.split('/')).not.toContain('..');
  // A prefix ends in '/', so it is checked as a key prefix; a key as an object key.
  expect(() => (key.endsWith('/') ? assertKeyPrefix(key) : assertObjectKey(key))).not.toThrow();
}

describe('values from data never escape a partition prefix or an object key', () => {
  it('builds a partition prefix only from a real date and a two-letter state', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (dt, state) => {
        expectContained(() => partitionPrefix(RAW_LISTINGS_PREFIX, { dt, state }), SAFE_PARTITION);
        expectContained(
          () => partitionPrefix(RAW_LISTINGS_PREFIX, { dt: '2026-11-20', state }),
          SAFE_PARTITION,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('builds a raw object key only from checked parts, whatever the topic and partition values', () => {
    fc.assert(
      fc.property(hostileText, hostileText, fc.integer(), (dt, topic, partition) => {
        const key = () => rawObjectKey({ topic, partition, firstOffset: 1, lastOffset: 2, dt });
        expectContained(
          key,
          /^raw\/listings\/dt=\d{4}-\d{2}-\d{2}\/[a-zA-Z0-9._-]+-p\d+-o\d{12}-\d{12}\.parquet$/,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('turns a listing with a hostile city, state or zip into a record whose partition stays inside raw/, or rejects it with reasons', () => {
    const [result] = fixtureResults(V3_LIST);
    fc.assert(
      fc.property(hostileText, hostileText, hostileText, (city, state, zip) => {
        const listing = structuredClone(result!);
        setPath(listing, 'location.address.city', city);
        setPath(listing, 'location.address.state_code', state);
        setPath(listing, 'location.address.postal_code', zip);

        const parsed = parseListing(listing, {
          source: 's',
          searchArea: 'a',
          observedAt: V3_LIST.observedAt,
        });

        if (!parsed.ok) {
          expect(parsed.rejections.length).toBeGreaterThan(0);
          for (const r of parsed.rejections) expect(typeof r.reason).toBe('string');
          return;
        }
        expect(partitionPrefix(RAW_LISTINGS_PREFIX, parsed.record)).toMatch(SAFE_PARTITION);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a run id or day that is not one before it reaches reconciliation SQL', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const scope of [
          { runIds: [text], fromDay: '2026-11-20' },
          { runIds: ['run-1-d0'], fromDay: text },
        ]) {
          try {
            const where = rawFilter(scope);
            expect(where).toMatch(/^dt >= '\d{4}-\d{2}-\d{2}' AND run_id IN \('[A-Za-z0-9._:-]+'\)$/);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
