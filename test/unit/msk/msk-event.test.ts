import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMskEvent,
  decodeMskRecord,
  mskPayloadBytes,
  parseMskEvent,
} from '../../../src/msk/msk-event.js';
import type { ConsumedRecord } from '../../../src/ports/event-bus.js';
import { comparable, consumedRecordArbitrary, consumedRecords } from '../../helpers/consumed-records.js';
import { hasSharedFixtures, loadFixture } from '../../helpers/fixtures.js';

const MSK_PYTHON = ['aws-events', 'powertools-python_kafkaEventMsk.json'] as const;
const MSK_TYPESCRIPT = ['aws-events', 'powertools-typescript_kafka_default.json'] as const;

type Json = Record<string, unknown> & { records: Record<string, Record<string, unknown>[]> };

function rebuild(fixture: unknown): string {
  const event = parseMskEvent(fixture);
  const records = Object.values(event.records).flatMap((group) => group.map(decodeMskRecord));
  const source = { eventSourceArn: event.eventSourceArn ?? '', bootstrapServers: event.bootstrapServers };
  return JSON.stringify(buildMskEvent(records, source));
}

describe.skipIf(!hasSharedFixtures)('buildMskEvent against real AWS samples', () => {
  it('rebuilds the powertools-python MSK sample byte for byte, field order included', () => {
    // Prepare
    const fixture = loadFixture<Json>(...MSK_PYTHON);

    // Act
    const rebuilt = rebuild(fixture);

    // Assess
    expect(rebuilt).toBe(JSON.stringify(fixture));
  });

  it('rebuilds the powertools-typescript sample byte for byte, writing a missing key as absent rather than null', () => {
    // Prepare: the sample carries the same keyless record twice, once with `key` absent (offset 16) and once
    // with `"key": null` (offset 17), so parsers are tested on both. AWS sends the absent form (see
    // toMskRecord), so that is the one variant normalised away before comparing.
    const fixture = loadFixture<Json>(...MSK_TYPESCRIPT);
    const group = fixture.records['mytopic-0'] ?? [];
    expect(group[2]).toHaveProperty('key', null);
    const expected = structuredClone(fixture);
    delete expected.records['mytopic-0']?.[2]?.key;

    // Act
    const rebuilt = rebuild(fixture);

    // Assess
    expect(rebuilt).toBe(JSON.stringify(expected));
    expect(rebuilt).not.toBe(JSON.stringify(fixture));
  });

  it('measures the payload as the bytes of the compact JSON Lambda sends', () => {
    // Prepare
    const fixture = loadFixture<Json>(...MSK_PYTHON);

    // Act
    const bytes = mskPayloadBytes(parseMskEvent(fixture));

    // Assess
    expect(bytes).toBe(Buffer.byteLength(JSON.stringify(fixture)));
  });
});

describe('buildMskEvent', () => {
  const source = {
    eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/realty/abc',
    bootstrapServers: 'b:9098',
  };

  it('leaves key out for a keyless record and value out for a tombstone', () => {
    // Prepare
    const [record] = consumedRecords([{ partition: 0, offset: 4, key: null, value: null }]);

    // Act
    const event = buildMskEvent([record!], source);

    // Assess
    const built = event.records['realty.listings.v1-0']?.[0];
    expect(built).not.toHaveProperty('key');
    expect(built).not.toHaveProperty('value');
    expect(Object.keys(built ?? {})).toEqual([
      'topic',
      'partition',
      'offset',
      'timestamp',
      'timestampType',
      'headers',
    ]);
  });

  it('writes header values as signed Java bytes, as AWS does for non-ASCII text', () => {
    // Prepare
    const [record] = consumedRecords([{ partition: 0, offset: 0, headers: [['source', 'ë']] }]);

    // Act
    const event = buildMskEvent([record!], source);
    const decoded = decodeMskRecord(event.records['realty.listings.v1-0']![0]!);

    // Assess
    expect(event.records['realty.listings.v1-0']?.[0]?.headers).toEqual([{ source: [-61, -85] }]);
    expect(decoded.headerText).toEqual({ source: 'ë' });
    expect([...decoded.headers[0]![1]]).toEqual([0xc3, 0xab]);
  });

  it('groups records of several partitions under "topic-partition" keys, each in offset order', () => {
    // Prepare
    const records = consumedRecords([
      { partition: 2, offset: 11 },
      { partition: 0, offset: 7 },
      { partition: 2, offset: 10 },
    ]);

    // Act
    const event = buildMskEvent(records, source);

    // Assess
    expect(Object.keys(event.records)).toEqual(['realty.listings.v1-2', 'realty.listings.v1-0']);
    expect(event.records['realty.listings.v1-2']?.map((r) => r.offset)).toEqual([10, 11]);
  });

  it('marks an event without a cluster ARN as coming from self-managed Kafka', () => {
    // Prepare
    const records = consumedRecords([{ partition: 0, offset: 0 }]);

    // Act
    const event = buildMskEvent(records, { bootstrapServers: '127.0.0.1:9092' });

    // Assess
    expect(Object.keys(event)).toEqual(['eventSource', 'bootstrapServers', 'records']);
    expect(event.eventSource).toBe('SelfManagedKafka');
  });

  it('round-trips any records through build, parse and decode', () => {
    fc.assert(
      fc.property(fc.array(consumedRecordArbitrary(), { maxLength: 8 }), (input) => {
        // Prepare: one record per topic-partition-offset, as Kafka has
        const unique = [...new Map(input.map((r) => [`${r.topic}:${r.partition}:${r.offset}`, r])).values()];

        // Act
        const event = parseMskEvent(JSON.parse(JSON.stringify(buildMskEvent(unique, source))));
        const decoded = Object.values(event.records).flatMap((group) => group.map(decodeMskRecord));

        // Assess
        const order = (a: ConsumedRecord, b: ConsumedRecord) =>
          a.topic.localeCompare(b.topic) || a.partition - b.partition || a.offset - b.offset;
        expect(decoded.sort(order).map(comparable)).toEqual([...unique].sort(order).map(comparable));
      }),
      { numRuns: 60 },
    );
  });
});
