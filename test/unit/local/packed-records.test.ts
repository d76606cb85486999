import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packRecords, transferablesOf, unpackRecords } from '../../../src/local/packed-records.js';
import { buildMskEvent } from '../../../src/msk/msk-event.js';
import { comparable, consumedRecordArbitrary, consumedRecords } from '../../helpers/consumed-records.js';

const SOURCE = {
  bootstrapServers: 'b-1.example:9098',
  eventSourceArn: 'arn:aws:kafka:us-east-1:1:cluster/c/x',
};

describe('packRecords', () => {
  it('gives back every record, bytes, nulls and headers included, after a round trip', () => {
    fc.assert(
      fc.property(fc.array(consumedRecordArbitrary(), { maxLength: 30 }), (records) => {
        const unpacked = unpackRecords(packRecords(records));
        expect(unpacked.map(comparable)).toEqual(records.map(comparable));
      }),
    );
  });

  it('makes the same MSK event, byte for byte, from the records a worker unpacks', () => {
    const records = consumedRecords([
      { partition: 1, offset: 7, headers: [['run_id', 'r-ë']] },
      { partition: 0, offset: 3, key: null },
      { partition: 1, offset: 8, value: null },
    ]);
    const packed = packRecords(records);
    // What postMessage does to a transferred message: the receiver gets the buffers, the sender keeps none.
    const received = structuredClone(packed, { transfer: transferablesOf(packed) });

    expect(JSON.stringify(buildMskEvent(unpackRecords(received), SOURCE))).toBe(
      JSON.stringify(buildMskEvent(records, SOURCE)),
    );
    expect(packed.bytes.byteLength).toBe(0);
  });
});
