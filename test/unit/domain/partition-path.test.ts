import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parsePartitionPrefix,
  parseRawObjectKey,
  parseRawPartitionPrefix,
  partitionPrefix,
  partitionValues,
  RAW_LISTINGS_PREFIX,
  type RawObjectKeyParts,
  rawObjectKey,
  rawPartitionPrefix,
} from '../../../src/domain/partition-path.js';
import { InputError } from '../../../src/errors.js';

const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const validDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const validState = fc.stringMatching(/^[A-Z]{2}$/);
const validTopic = fc.stringMatching(/^[a-zA-Z0-9._-]{1,60}$/).filter((t) => t !== '.' && t !== '..');
const offset = fc.integer({ min: 0, max: 999_999_999_999 });

const validParts: fc.Arbitrary<RawObjectKeyParts> = fc
  .record({
    topic: validTopic,
    partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    a: offset,
    b: offset,
    dt: validDate,
  })
  .map(({ a, b, ...rest }) => ({ ...rest, firstOffset: Math.min(a, b), lastOffset: Math.max(a, b) }));

/** A key that cannot leave its prefix: relative, no dot segments, no empty segments, no backslash or NUL. */
function isContainedKey(key: string): boolean {
  const segments = key.split('/');
  return (
    !path.posix.isAbsolute(key) &&
    path.posix.normalize(key) === key &&
    !key.includes('\\') &&
    !key.includes('\0') &&
    segments.every((s, i) => s !== '..' && s !== '.' && (s !== '' || i === segments.length - 1))
  );
}

function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('partitionValues', () => {
  it('returns dt and state of a record whose values are a real date and a two-letter state', () => {
    const record = { dt: '2024-02-29', state: 'CA', city: 'Los Angeles' };

    const values = partitionValues(record);

    expect(values).toEqual({ dt: '2024-02-29', state: 'CA' });
  });

  it.each([
    ['2026-02-30', 'a day February does not have'],
    ['2023-02-29', 'Feb 29 in a year that is not leap'],
    ['1900-02-29', 'Feb 29 in a century year that is not leap'],
    ['2026-13-01', 'month 13'],
    ['2026-00-10', 'month 0'],
    ['2026-1-05', 'a month without zero padding'],
    ['2026-11-20T00:00:00Z', 'a timestamp instead of a date'],
    ['../../etc', 'a path'],
    ['', 'an empty string'],
  ])('rejects dt %j (%s) with an InputError naming dt', (dt) => {
    const error = thrownBy(() => partitionValues({ dt, state: 'CA' }));

    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/dt/);
  });

  it.each(['ca', 'C', 'CAL', 'C/', '..', 'É1', ''])(
    'rejects state %j with an InputError naming state',
    (state) => {
      const error = thrownBy(() => partitionValues({ dt: '2026-11-20', state }));

      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/state/);
    },
  );

  it('rejects values that are not strings', () => {
    const error = thrownBy(() => partitionValues({ dt: 20261120 as unknown as string, state: 'CA' }));

    expect(error).toBeInstanceOf(InputError);
  });
});

describe('partitionPrefix', () => {
  it('builds the Hive-style prefix dt=YYYY-MM-DD/state=XX/ under the table prefix', () => {
    const prefix = partitionPrefix(RAW_LISTINGS_PREFIX, { dt: '2026-11-20', state: 'CA' });

    expect(prefix).toBe('raw/listings/dt=2026-11-20/state=CA/');
  });

  it.each(['raw/listings', '/raw/listings/', 'raw/../listings/', 'raw//listings/', '', 'raw\\listings/'])(
    'rejects the table prefix %j',
    (tablePrefix) => {
      const error = thrownBy(() => partitionPrefix(tablePrefix, { dt: '2026-11-20', state: 'CA' }));

      expect(error).toBeInstanceOf(InputError);
    },
  );

  it('gives back the values it was built from when parsed (round trip)', () => {
    fc.assert(
      fc.property(validDate, validState, (dt, state) => {
        const prefix = partitionPrefix(RAW_LISTINGS_PREFIX, { dt, state });

        const parsed = parsePartitionPrefix(RAW_LISTINGS_PREFIX, prefix);

        expect(parsed).toEqual({ dt, state });
      }),
    );
  });

  it('parses the partition of an object key and ignores keys of other tables or shapes', () => {
    const key =
      'raw/listings/dt=2026-11-20/state=CA/realty.listings.v1-p3-o000000000120-000000000219.parquet';

    expect(parsePartitionPrefix(RAW_LISTINGS_PREFIX, key)).toEqual({ dt: '2026-11-20', state: 'CA' });
    expect(parsePartitionPrefix(RAW_LISTINGS_PREFIX, 'curated/x/dt=2026-11-20/state=CA/')).toBeUndefined();
    expect(parsePartitionPrefix(RAW_LISTINGS_PREFIX, 'raw/listings/dt=2026-02-30/state=CA/')).toBeUndefined();
    expect(parsePartitionPrefix(RAW_LISTINGS_PREFIX, 'raw/listings/state=CA/dt=2026-11-20/')).toBeUndefined();
  });

  it('never produces a prefix that escapes the table prefix, whatever the input', () => {
    fc.assert(
      fc.property(anyText, anyText, (dt, state) => {
        let prefix: string | undefined;
        try {
          prefix = partitionPrefix(RAW_LISTINGS_PREFIX, { dt, state });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }

        expect(prefix.startsWith(RAW_LISTINGS_PREFIX)).toBe(true);
        expect(isContainedKey(prefix)).toBe(true);
      }),
    );
  });
});

describe('rawObjectKey', () => {
  it('names the object after topic, partition and zero-padded offset range under its day (no state segment: state is a column)', () => {
    const key = rawObjectKey({
      topic: 'realty.listings.v1',
      partition: 3,
      firstOffset: 120,
      lastOffset: 219,
      dt: '2026-11-20',
    });

    expect(key).toBe('raw/listings/dt=2026-11-20/realty.listings.v1-p3-o000000000120-000000000219.parquet');
  });

  it('gives the same key for the same batch, so a retried batch overwrites its object', () => {
    fc.assert(
      fc.property(validParts, (parts) => {
        expect(rawObjectKey({ ...parts })).toBe(rawObjectKey(parts));
      }),
    );
  });

  it('gives back the parts it was built from when parsed (round trip)', () => {
    fc.assert(
      fc.property(validParts, (parts) => {
        expect(parseRawObjectKey(rawObjectKey(parts))).toEqual(parts);
      }),
    );
  });

  it('sorts keys of one topic partition in offset order', () => {
    fc.assert(
      fc.property(validParts, offset, offset, (parts, a, b) => {
        const keyA = rawObjectKey({ ...parts, firstOffset: a, lastOffset: a });
        const keyB = rawObjectKey({ ...parts, firstOffset: b, lastOffset: b });

        expect(keyA < keyB).toBe(a < b);
      }),
    );
  });

  it.each([
    [{ topic: 'realty/listings' }, /topic/],
    [{ topic: '..' }, /topic/],
    [{ topic: '' }, /topic/],
    [{ partition: -1 }, /partition/],
    [{ partition: 1.5 }, /partition/],
    [{ firstOffset: -1 }, /offset/],
    [{ firstOffset: 220, lastOffset: 219 }, /offset/],
    [{ lastOffset: Number.MAX_SAFE_INTEGER + 2 }, /offset/],
    [{ dt: '2026-11-31' }, /dt/],
    [{ dt: '../2026-11-20' }, /dt/],
  ])('rejects %j with an InputError saying what was wrong', (override, message) => {
    const parts = {
      topic: 'realty.listings.v1',
      partition: 0,
      firstOffset: 0,
      lastOffset: 9,
      dt: '2026-11-20',
      ...override,
    };

    const error = thrownBy(() => rawObjectKey(parts));

    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(message);
  });

  it('never produces a key that escapes raw/listings/, whatever the input', () => {
    fc.assert(
      fc.property(anyText, fc.integer(), fc.integer(), fc.integer(), anyText, (topic, p, a, b, dt) => {
        let key: string | undefined;
        try {
          key = rawObjectKey({ topic, partition: p, firstOffset: a, lastOffset: b, dt });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }

        expect(key.startsWith(RAW_LISTINGS_PREFIX)).toBe(true);
        expect(isContainedKey(key)).toBe(true);
      }),
    );
  });

  it('parses only canonical raw object keys', () => {
    const base = 'raw/listings/dt=2026-11-20/';

    expect(parseRawObjectKey(`${base}state=CA/t-p3-o000000000001-000000000002.parquet`)).toBeUndefined();
    expect(parseRawObjectKey(`${base}t-p03-o000000000001-000000000002.parquet`)).toBeUndefined();
    expect(parseRawObjectKey(`${base}t-p3-o1-2.parquet`)).toBeUndefined();
    expect(parseRawObjectKey(`${base}t-p3-o000000000002-000000000001.parquet`)).toBeUndefined();
    expect(parseRawObjectKey(`${base}notes.txt`)).toBeUndefined();
  });
});

describe('rawPartitionPrefix', () => {
  it("is the day's prefix of listings_raw, and parses back to its day", () => {
    fc.assert(
      fc.property(validDate, (dt) => {
        expect(rawPartitionPrefix(dt)).toBe(`raw/listings/dt=${dt}/`);
        expect(parseRawPartitionPrefix(rawPartitionPrefix(dt))).toBe(dt);
      }),
    );
  });

  it('rejects a day that is not a calendar date with an InputError naming dt', () => {
    expect(thrownBy(() => rawPartitionPrefix('2026-02-30'))).toBeInstanceOf(InputError);
    expect(parseRawPartitionPrefix('raw/listings/dt=2026-02-30/x.parquet')).toBeUndefined();
    expect(parseRawPartitionPrefix('curated/dt=2026-02-03/x.parquet')).toBeUndefined();
  });
});
