import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMskRecord } from '../../../src/msk/byte-backed-record.js';
import { mskRecordJsonBytes } from '../../../src/msk/msk-record-size.js';
import type { ConsumedRecord } from '../../../src/ports/event-bus.js';
import { consumedRecordArbitrary } from '../../helpers/consumed-records.js';

const bytes = fc.uint8Array({ maxLength: 70 });
const anyRecord: fc.Arbitrary<ConsumedRecord> = fc.record({
  topic: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  partition: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  offset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  timestamp: fc.integer({ min: -1, max: Number.MAX_SAFE_INTEGER }),
  timestampType: fc.constantFrom('CREATE_TIME' as const, 'LOG_APPEND_TIME' as const),
  key: fc.option(bytes, { nil: null }),
  value: fc.option(bytes, { nil: null }),
  headers: fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 12 }), bytes), { maxLength: 4 }),
});

describe('mskRecordJsonBytes', () => {
  it('is the byte length of the record as the MSK event serialises it, whatever its fields', () => {
    fc.assert(
      fc.property(fc.oneof(anyRecord, consumedRecordArbitrary()), (record) => {
        expect(mskRecordJsonBytes(record)).toBe(
          Buffer.byteLength(JSON.stringify(toMskRecord(record)), 'utf8'),
        );
      }),
      { numRuns: 500 },
    );
  });
});
