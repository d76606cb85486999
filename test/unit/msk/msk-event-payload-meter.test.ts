import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMskEvent, mskPayloadBytes } from '../../../src/msk/msk-event.js';
import { MskPayloadMeter } from '../../../src/msk/msk-payload-meter.js';
import { consumedRecordArbitrary, consumedRecords } from '../../helpers/consumed-records.js';

describe('MskPayloadMeter', () => {
  const sources = [
    {
      eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/realty/abc-1',
      bootstrapServers: 'b-1:9098',
    },
    { bootstrapServers: '127.0.0.1:9092,127.0.0.1:9093' },
  ];

  it('tracks exactly the payload bytes of the event its records would make', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.array(consumedRecordArbitrary(), { maxLength: 12 }),
        (source, records) => {
          // Prepare
          const meter = new MskPayloadMeter(source);

          // Act
          const predicted = records.map((record) => {
            const next = meter.bytesWith(record);
            meter.add(record);
            return next;
          });

          // Assess
          expect(meter.bytes).toBe(mskPayloadBytes(buildMskEvent(records, source)));
          expect(predicted.at(-1) ?? meter.bytes).toBe(meter.bytes);
          expect(meter.records).toBe(records.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('starts at the size of an event with no records', () => {
    // Prepare
    const source = sources[1]!;

    // Act
    const meter = new MskPayloadMeter(source);

    // Assess
    expect(meter.bytes).toBe(mskPayloadBytes(buildMskEvent([], source)));
    expect(meter.bytesWith(consumedRecords([{ partition: 0, offset: 0 }])[0]!)).toBeGreaterThan(meter.bytes);
  });
});
