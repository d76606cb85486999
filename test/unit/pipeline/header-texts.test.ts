import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mskHeaderText } from '../../../src/msk/byte-backed-record.js';
import { buildByteBackedMskEvent, buildMskEvent } from '../../../src/msk/msk-event.js';
import { HeaderTexts } from '../../../src/pipeline/header-texts.js';
import { consumedRecords } from '../../helpers/consumed-records.js';

const SOURCE = {
  eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/realty/abc',
  bootstrapServers: 'b:9098',
};
const NAMES = ['realty-source', 'realty-search-area', 'realty-run-id', 'realty-observed-at'];

// Records whose headers draw on a few values, so a value often repeats the last one under its name (what a
// batch's lineage does) and sometimes differs from it in its first or last byte, in length, or only in a non-ASCII character.
const batchHeaders = fc
  .array(fc.string({ unit: 'grapheme', maxLength: 6 }), { minLength: 1, maxLength: 4 })
  .chain((values) => {
    const variants = (v: string) => [v, `${v}x`, `${v}y`, `x${v}`, `y${v}`, `${v}é`, `${v}è`];
    const pool = values.flatMap(variants);
    const header = fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...pool));
    return fc.array(fc.array(header, { maxLength: 5 }), { minLength: 1, maxLength: 30 });
  });

describe('HeaderTexts', () => {
  it('reads every record of a batch as mskHeaderText does, whether its values repeat or not', () => {
    fc.assert(
      fc.property(batchHeaders, (headersOfRecords) => {
        // Prepare
        const consumed = consumedRecords(
          headersOfRecords.map((headers, offset) => ({ partition: 0, offset, headers })),
        );
        for (const event of [buildMskEvent(consumed, SOURCE), buildByteBackedMskEvent(consumed, SOURCE)]) {
          const records = Object.values(event.records).flat();
          const texts = new HeaderTexts();

          // Act
          const read = records.map((record) => texts.of(record));

          // Assess
          expect(read).toEqual(records.map(mskHeaderText));
        }
      }),
      { numRuns: 300 },
    );
  });
});
