import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHyparquetEncoder } from '../../../../src/adapters/parquet/hyparquet-writer.js';
import { parquetDamage } from '../../../../src/adapters/parquet/parquet-damage.js';
import { LISTING_COLUMNS } from '../../../../src/domain/listing-record.js';
import { listingRecords } from '../query/warehouse.js';

// The Parquet frame: PAR1, column chunks, footer metadata, its 4-byte length, PAR1.
// https://parquet.apache.org/docs/file-format/
const file = await createHyparquetEncoder().encode(listingRecords, LISTING_COLUMNS);

describe('parquetDamage', () => {
  it('finds nothing wrong with a whole file the writer made', () => {
    expect(parquetDamage(file)).toBeUndefined();
  });

  it('names a file cut to 100 bytes (issue 18)', () => {
    expect(parquetDamage(file.slice(0, 100))).toBe('ends without the PAR1 footer (100 bytes: cut short?)');
  });

  it('names a file that is not Parquet at all', () => {
    expect(parquetDamage(new TextEncoder().encode('{"not":"parquet"}'))).toMatch(/does not start with PAR1/);
    expect(parquetDamage(new Uint8Array(3))).toMatch(/too short/);
  });

  it('names a file whose middle was cut out, keeping both ends', () => {
    const cut = new Uint8Array([...file.subarray(0, 40), ...file.subarray(file.byteLength - 200)]);

    expect(parquetDamage(cut)).toBeDefined();
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.nat(file.byteLength), fc.uint8Array({ maxLength: 64 }), (at, noise) => {
        const damaged = new Uint8Array([...file.subarray(0, at), ...noise]);
        expect(() => parquetDamage(damaged)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
