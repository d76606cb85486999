import fc from 'fast-check';
import { parquetReadObjects, toJson } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { encoderByName } from '../../../../src/adapters/parquet/encoder-by-name.js';
import { LISTING_COLUMNS } from '../../../../src/domain/listing-record.js';
import { expectedRow, recordArbitrary } from './parquet-fixtures.js';

describe.each(['hyparquet', 'parquetjs-lite'] as const)('the %s encoder, on generated records', (name) => {
  it('writes back exactly the values it was given', async () => {
    const encoder = encoderByName(name, { rowGroupRows: 7 });

    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { maxLength: 15 }), async (input) => {
        const bytes = await encoder.encode(input, LISTING_COLUMNS);
        const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

        const rows = await parquetReadObjects({ file });

        expect(toJson(rows)).toEqual(input.map(expectedRow));
      }),
      { numRuns: 15 },
    );
  });
});
