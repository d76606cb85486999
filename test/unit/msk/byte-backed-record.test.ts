import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mskHeaderText, mskValueBytes } from '../../../src/msk/byte-backed-record.js';
import {
  buildByteBackedMskEvent,
  buildMskEvent,
  decodeMskRecord,
  parseMskEvent,
} from '../../../src/msk/msk-event.js';
import type { MskRecord } from '../../../src/msk/msk-event-types.js';
import { consumedRecordArbitrary } from '../../helpers/consumed-records.js';
import { hasSharedFixtures, loadFixture } from '../../helpers/fixtures.js';

const SOURCE = {
  eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/realty/abc',
  bootstrapServers: 'b:9098',
};
// The shape pinned here is the one buildMskEvent writes and msk-event.test.ts pins against real samples: values
// and keys base64 (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html, whose handlers decode
// record.value from base64: https://docs.aws.amazon.com/code-library/latest/ug/kafka_example_serverless_MSK_Lambda_section.html),
// headers as arrays of signed bytes. A byte-backed event must serialise to exactly that.
const MSK_PYTHON = ['aws-events', 'powertools-python_kafkaEventMsk.json'] as const;

/** A record's fields as read one by one (getters included), absent written as null. */
function fieldsOf(record: MskRecord): Record<string, unknown> {
  const { topic, partition, offset, timestamp, timestampType, headers } = record;
  return {
    topic,
    partition,
    offset,
    timestamp,
    timestampType,
    key: record.key ?? null,
    value: record.value ?? null,
    headers,
  };
}

describe('buildByteBackedMskEvent', () => {
  it('serialises to the same JSON as buildMskEvent, byte for byte, for any records', () => {
    fc.assert(
      fc.property(fc.array(consumedRecordArbitrary(), { maxLength: 12 }), (records) => {
        // Act
        const plain = buildMskEvent(records, SOURCE);
        const backed = buildByteBackedMskEvent(records, SOURCE);

        // Assess
        expect(JSON.stringify(backed)).toBe(JSON.stringify(plain));
        expect(Object.keys(backed.records)).toEqual(Object.keys(plain.records));
        for (const [key, group] of Object.entries(plain.records)) {
          expect(backed.records[key]?.map(fieldsOf)).toEqual(group.map(fieldsOf));
        }
      }),
    );
  });

  it('hands the transform the bytes and header text the plain event encodes', () => {
    fc.assert(
      fc.property(fc.array(consumedRecordArbitrary(), { minLength: 1, maxLength: 8 }), (records) => {
        // Act
        const plain = Object.values(buildMskEvent(records, SOURCE).records).flat();
        const backed = Object.values(buildByteBackedMskEvent(records, SOURCE).records).flat();

        // Assess
        backed.forEach((record, i) => {
          const other = plain[i] as MskRecord;
          const bytes = mskValueBytes(record);
          expect(bytes === null ? null : [...bytes]).toEqual(
            other.value === undefined ? null : [...Buffer.from(other.value as string, 'base64')],
          );
          expect(mskHeaderText(record)).toEqual(mskHeaderText(other));
          expect(mskHeaderText(record)).toEqual(new Map(Object.entries(decodeMskRecord(other).headerText)));
        });
      }),
    );
  });

  it('passes parseMskEvent as it is, and its positions are still checked', () => {
    // Prepare
    const records = fc.sample(consumedRecordArbitrary(), { numRuns: 5, seed: 7 });
    const event = buildByteBackedMskEvent(records, SOURCE);
    const broken = buildByteBackedMskEvent([{ ...records[0]!, topic: '' }], SOURCE);

    // Act
    const parsed = parseMskEvent(event);

    // Assess
    expect(parsed).toBe(event);
    expect(() => parseMskEvent(broken)).toThrow(/topic/);
  });
});

describe.skipIf(!hasSharedFixtures)('buildByteBackedMskEvent against a real AWS sample', () => {
  it('rebuilds the powertools-python MSK sample byte for byte, field order included', () => {
    // Prepare
    const fixture = loadFixture<Record<string, unknown>>(...MSK_PYTHON);
    const event = parseMskEvent(fixture);
    const records = Object.values(event.records).flatMap((group) => group.map(decodeMskRecord));

    // Act
    const rebuilt = buildByteBackedMskEvent(records, {
      eventSourceArn: event.eventSourceArn ?? '',
      bootstrapServers: event.bootstrapServers,
    });

    // Assess
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(fixture));
  });
});
