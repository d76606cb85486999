import { createRecordsBatch, type MessageRecord, Reader, readRecordsBatch } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { recordsFromBatches } from '../../../../../src/adapters/event-bus/kafka/fetched-records.js';

const T0 = 1_795_000_000_000n;

/** A batch as the broker would return it: encoded and decoded by the client's own codec, at `firstOffset`. */
function batchAt(firstOffset: bigint, messages: MessageRecord[], attributes = 0) {
  const decoded = readRecordsBatch(Reader.from(createRecordsBatch(messages)));
  return { ...decoded, firstOffset, attributes: decoded.attributes | attributes };
}

const message = (key: string, value: string, timestampDelta = 0n): MessageRecord => ({
  topic: 't',
  key: Buffer.from(key),
  value: Buffer.from(value),
  timestamp: T0 + timestampDelta,
  headers: new Map([[Buffer.from('realty-source'), Buffer.from('sandbox')]]),
});

describe('recordsFromBatches', () => {
  it('turns fetched batches into records with offsets, create times, keys, values and headers', () => {
    const batches = [batchAt(10n, [message('P1', 'a'), message('P2', 'b', 5n)])];

    const fetched = recordsFromBatches('t', 3, batches, 10n);

    expect(fetched.nextOffset).toBe(12n);
    expect(fetched.records.map((r) => [r.partition, r.offset, r.timestamp, r.timestampType])).toEqual([
      [3, 10, Number(T0), 'CREATE_TIME'],
      [3, 11, Number(T0) + 5, 'CREATE_TIME'],
    ]);
    expect(Buffer.from(fetched.records[1]!.key!).toString()).toBe('P2');
    expect(Buffer.from(fetched.records[1]!.value!).toString()).toBe('b');
    expect(fetched.records[0]!.headers.map(([n, v]) => [n, Buffer.from(v).toString()])).toEqual([
      ['realty-source', 'sandbox'],
    ]);
    expect(fetched.records[0]!.value).toStrictEqual(new Uint8Array(Buffer.from('a')));
  });

  it('skips the records of a batch that precede the requested offset', () => {
    const batches = [batchAt(20n, [message('P1', 'a'), message('P2', 'b'), message('P3', 'c')])];

    const fetched = recordsFromBatches('t', 0, batches, 22n);

    expect(fetched.records.map((r) => r.offset)).toEqual([22]);
    expect(fetched.nextOffset).toBe(23n);
  });

  it("stamps every record of a LogAppendTime batch with the batch's max timestamp", () => {
    const batches = [batchAt(0n, [message('P1', 'a'), message('P2', 'b', 9n)], 1 << 3)];

    const fetched = recordsFromBatches('t', 0, batches, 0n);

    expect(fetched.records.map((r) => [r.timestamp, r.timestampType])).toEqual([
      [Number(T0) + 9, 'LOG_APPEND_TIME'],
      [Number(T0) + 9, 'LOG_APPEND_TIME'],
    ]);
  });

  it('moves past a control batch without returning its marker as a record', () => {
    const batches = [batchAt(5n, [message('P1', 'a')]), batchAt(6n, [message('', '')], 1 << 5)];

    const fetched = recordsFromBatches('t', 0, batches, 5n);

    expect(fetched.records.map((r) => r.offset)).toEqual([5]);
    expect(fetched.nextOffset).toBe(7n);
  });

  it('reports no next offset when the broker returned nothing', () => {
    const fetched = recordsFromBatches('t', 0, [], 5n);

    expect(fetched).toEqual({ records: [], nextOffset: undefined });
  });
});
