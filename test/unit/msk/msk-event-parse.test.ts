import { describe, expect, it } from 'vitest';
import { EventError } from '../../../src/errors.js';
import {
  buildMskEvent,
  decodeMskRecord,
  parseMskEvent,
  topicPartitionKey,
} from '../../../src/msk/msk-event.js';
import { consumedRecords } from '../../helpers/consumed-records.js';

type Json = Record<string, unknown> & { records: Record<string, Record<string, unknown>[]> };

describe('parseMskEvent', () => {
  function validEvent(): Record<string, unknown> {
    const records = consumedRecords([
      { partition: 0, offset: 1 },
      { partition: 0, offset: 2 },
    ]);
    return JSON.parse(JSON.stringify(buildMskEvent(records, { bootstrapServers: 'b:9092' })));
  }

  it.each([
    [
      'a value that is not base64',
      (e: Json) => {
        e.records['realty.listings.v1-0']![0]!.value = 'not base64!';
      },
      'records["realty.listings.v1-0"][0].value',
    ],
    [
      'a missing offset',
      (e: Json) => {
        delete e.records['realty.listings.v1-0']![1]!.offset;
      },
      'records["realty.listings.v1-0"][1].offset',
    ],
    [
      'an unknown event source',
      (e: Json) => {
        e.eventSource = 'aws:kinesis';
      },
      'eventSource',
    ],
    [
      'a header byte out of range',
      (e: Json) => {
        e.records['realty.listings.v1-0']![0]!.headers = [{ h: [300] }];
      },
      'records["realty.listings.v1-0"][0].headers[0].h[0]',
    ],
  ])('rejects %s with an EventError naming the path', (_name, spoil, path) => {
    // Prepare
    const event = validEvent() as Json;
    spoil(event);

    // Act
    const act = () => parseMskEvent(event);

    // Assess
    expect(act).toThrow(EventError);
    expect(act).toThrow(`at ${path}:`);
  });

  it("rejects a record filed under another partition's key", () => {
    // Prepare
    const event = validEvent() as Json;
    event.records['realty.listings.v1-0']![1]!.partition = 3;

    // Act
    const act = () => parseMskEvent(event);

    // Assess
    expect(act).toThrow(/records\["realty.listings.v1-0"\]\[1\]: the record belongs to realty.listings.v1-3/);
  });

  it('rejects records of a partition listed out of offset order', () => {
    // Prepare
    const event = validEvent() as Json;
    event.records['realty.listings.v1-0']!.reverse();

    // Act
    const act = () => parseMskEvent(event);

    // Assess
    expect(act).toThrow(/\[1\]\.offset: 1 does not follow 2/);
  });

  it('accepts a key given as null, the variant some samples carry', () => {
    // Prepare
    const event = validEvent() as Json;
    event.records['realty.listings.v1-0']![0]!.key = null;

    // Act
    const parsed = parseMskEvent(event);

    // Assess
    expect(decodeMskRecord(parsed.records['realty.listings.v1-0']![0]!).key).toBeNull();
    expect(topicPartitionKey('realty.listings.v1', 0)).toBe('realty.listings.v1-0');
  });
});
