import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changedPartitions,
  compactionScope,
  dataFileValues,
  formatPartitionList,
  isInScope,
  isRawDayInScope,
  parsePartitionList,
  rowsPerFile,
} from '../../../src/compaction/compaction-scope.js';
import { US_STATE_CODES } from '../../../src/domain/us-state-codes.js';
import { InputError } from '../../../src/errors.js';

const object = (key: string, lastModified: number) => ({ key, size: 100, lastModified });

describe('compactionScope', () => {
  it('starts each state at its earliest changed day, so a late day pulls in the days after it', () => {
    // prepare
    const changed = [
      { dt: '2026-11-20', state: 'CA' },
      { dt: '2026-11-18', state: 'CA' },
      { dt: '2026-11-21', state: 'TX' },
    ];

    // act
    const scope = compactionScope(changed);

    // assess
    expect(scope).toEqual([
      { state: 'CA', fromDt: '2026-11-18' },
      { state: 'TX', fromDt: '2026-11-21' },
    ]);
    expect(isInScope(scope, { dt: '2026-11-19', state: 'CA' })).toBe(true);
    expect(isInScope(scope, { dt: '2026-11-17', state: 'CA' })).toBe(false);
    expect(isInScope(scope, { dt: '2026-11-25', state: 'NY' })).toBe(false);
  });

  it('rejects a partition whose values could not be a path segment', () => {
    // prepare
    const changed = [{ dt: '2026-13-01', state: 'CA' }];

    // act
    const act = () => compactionScope(changed);

    // assess
    expect(act).toThrow(InputError);
    expect(act).toThrow(/not a real calendar date/);
  });

  it('covers every changed partition and starts no state later than any of its changes', () => {
    const partition = fc.record({
      dt: fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      state: fc.constantFrom('CA', 'TX', 'NY', 'WA'),
    });
    fc.assert(
      fc.property(fc.array(partition, { maxLength: 30 }), (changed) => {
        const scope = compactionScope(changed);
        expect(changed.every((p) => isInScope(scope, p))).toBe(true);
        expect(new Set(scope.map((s) => s.state)).size).toBe(scope.length);
        for (const entry of scope) {
          expect(changed.some((p) => p.state === entry.state && p.dt === entry.fromDt)).toBe(true);
        }
      }),
    );
  });
});

describe('changedPartitions', () => {
  const prefix = 'raw/listings/';
  const everyStateAt = (dt: string) => [...US_STATE_CODES].sort().map((state) => ({ dt, state }));

  it('names every state at the earliest day holding a raw file written after the watermark (a day holds every state)', () => {
    // prepare
    const objects = [
      object('raw/listings/dt=2026-11-20/t-p0-o000000000000-000000000009.parquet', 1_000),
      object('raw/listings/dt=2026-11-20/t-p1-o000000000000-000000000009.parquet', 5_000),
      object('raw/listings/dt=2026-11-19/t-p0-o000000000000-000000000009.parquet', 4_000),
      object('raw/listings/dt=2026-11-18/t-p0-o000000000000-000000000009.parquet', 2_000),
    ];

    // act
    const changed = changedPartitions(objects, prefix, 3_000);

    // assess
    expect(changed).toEqual(everyStateAt('2026-11-19'));
    expect(compactionScope(changed).every((entry) => entry.fromDt === '2026-11-19')).toBe(true);
  });

  it('names every state at the first day when no compaction ran before', () => {
    // prepare
    const objects = [object('raw/listings/dt=2026-11-18/a.parquet', 2_000)];

    // act
    const changed = changedPartitions(objects, prefix, undefined);

    // assess
    expect(changed).toEqual(everyStateAt('2026-11-18'));
  });

  it('ignores what is not a Parquet file of a day: temp files, hidden files, old state= paths, stray keys', () => {
    // prepare
    const objects = [
      object('raw/listings/dt=2026-11-18/_SUCCESS', 9_000),
      object('raw/listings/dt=2026-11-18/.a.parquet.crc', 9_000),
      object('raw/listings/dt=2026-11-18/.hidden.parquet', 9_000),
      object('raw/listings/dt=2026-11-18/_temporary/0/a.parquet', 9_000),
      object('raw/listings/dt=2026-11-18/state=NY/a.parquet', 9_000),
      object('raw/listings/notes.txt', 9_000),
    ];

    // act
    const changed = changedPartitions(objects, prefix, 0);

    // assess
    expect(changed).toEqual([]);
  });
});

describe('isRawDayInScope', () => {
  it('reads a raw day when some state is recompacted from that day or an earlier one', () => {
    const scope = [
      { state: 'CA', fromDt: '2026-11-19' },
      { state: 'TX', fromDt: '2026-11-21' },
    ];

    expect(['2026-11-18', '2026-11-19', '2026-11-22'].map((dt) => isRawDayInScope(scope, dt))).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('rowsPerFile', () => {
  it('fits as many rows in a file as the input bytes per row allow under the target', () => {
    // act
    const rows = rowsPerFile(128 * 1024 * 1024, 1_000_000, 4_000);

    // assess: 250 bytes per row
    expect(rows).toBe(536_870);
  });

  it('puts at least one row in a file, and any number of rows when there is no input to measure', () => {
    expect(rowsPerFile(10, 1_000_000, 10)).toBe(1);
    expect(rowsPerFile(128, 0, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rejects a target file size that is not a positive whole number of bytes', () => {
    expect(() => rowsPerFile(0, 10, 10)).toThrow(
      /target file size 0 is not a positive whole number of bytes/,
    );
  });
});

describe('partition lists', () => {
  it('reads back the partition list it writes', () => {
    // prepare
    const partitions = [
      { dt: '2026-11-20', state: 'CA' },
      { dt: '2026-11-21', state: 'TX' },
    ];

    // act
    const text = formatPartitionList(partitions);

    // assess
    expect(text).toBe('dt=2026-11-20/state=CA,dt=2026-11-21/state=TX');
    expect(parsePartitionList(text)).toEqual(partitions);
  });

  it('says which entry of a partition list is wrong and how to write it', () => {
    expect(() => parsePartitionList('dt=2026-11-20/state=CA,2026-11-21/TX')).toThrow(
      /partition "2026-11-21\/TX" is not written dt=YYYY-MM-DD\/state=XX/,
    );
    expect(() => parsePartitionList('dt=2026-02-30/state=CA')).toThrow(InputError);
  });

  it('reads an empty list as no partitions', () => {
    expect(parsePartitionList(' ')).toEqual([]);
  });
});

describe('dataFileValues', () => {
  it('reads the values of a data file of a table partitioned by state only', () => {
    expect(
      dataFileValues(
        'curated/listings_current/',
        ['state'],
        'curated/listings_current/state=CA/part-00000.parquet',
      ),
    ).toEqual(['CA']);
  });

  it('refuses files outside a partition, with values that are not valid, or hidden by Hive rules', () => {
    const prefix = 'curated/listings_current/';
    expect(dataFileValues(prefix, ['state'], `${prefix}state=ca/part-0.parquet`)).toBeUndefined();
    expect(dataFileValues(prefix, ['state'], `${prefix}part-0.parquet`)).toBeUndefined();
    expect(
      dataFileValues(prefix, ['state'], `${prefix}.spark-staging-1/state=CA/part-0.parquet`),
    ).toBeUndefined();
    expect(dataFileValues(prefix, ['state'], `${prefix}state=CA/_SUCCESS`)).toBeUndefined();
  });
});
