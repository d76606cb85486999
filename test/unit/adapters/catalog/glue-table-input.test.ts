import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunks, uniquePartitions } from '../../../../src/adapters/catalog/glue-partitions.js';
import {
  fromGlueTable,
  keyPrefixOf,
  s3Location,
  toTableInput,
} from '../../../../src/adapters/catalog/glue-table-input.js';
import { CatalogError } from '../../../../src/errors.js';
import { rawTableDefinition } from '../../../../src/pipeline/raw-table.js';

describe('Glue table input', () => {
  it('gives back the definition it was made from', () => {
    const table = rawTableDefinition('realty');

    const input = toTableInput(table, 'realty-data');

    expect(input.StorageDescriptor?.Location).toBe('s3://realty-data/raw/listings/');
    expect(
      fromGlueTable({ ...input, Name: input.Name ?? '', DatabaseName: 'realty' }, 'realty-data'),
    ).toEqual(table);
  });

  it('refuses an Athena view as a table of the port', () => {
    const view = { Name: 'market_summary', DatabaseName: 'realty', TableType: 'VIRTUAL_VIEW' };

    expect(() => fromGlueTable(view, 'realty-data')).toThrow(CatalogError);
  });

  it('maps key prefixes to s3:// locations in the bucket and back, leaving other locations alone', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9=_-]{1,12}(\/[a-z0-9=_-]{1,12}){0,4}\/$/), (prefix) => {
        expect(keyPrefixOf('realty-data', s3Location('realty-data', prefix))).toBe(prefix);
      }),
    );
    expect(keyPrefixOf('realty-data', 's3://other-bucket/raw/')).toBe('s3://other-bucket/raw/');
  });
});

describe('Glue partition batches', () => {
  it('splits into chunks of at most the size, keeping every item in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 450 }),
        fc.integer({ min: 1, max: 120 }),
        (items, size) => {
          const split = chunks(items, size);

          expect(split.flat()).toEqual(items);
          expect(split.every((chunk) => chunk.length > 0 && chunk.length <= size)).toBe(true);
        },
      ),
    );
  });

  it('keeps the first of partitions with the same values', () => {
    const partitions = [
      { values: ['2026-11-20', 'CA'], location: 'a/' },
      { values: ['2026-11-20', 'NY'], location: 'b/' },
      { values: ['2026-11-20', 'CA'], location: 'c/' },
    ];

    expect(uniquePartitions(partitions).map((p) => p.location)).toEqual(['a/', 'b/']);
  });
});
