import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_TIMESTAMP_SPREAD_MS,
  offsetsInOrder,
  partitionsFor,
  planSend,
  recordBytes,
} from '../../../../../src/adapters/event-bus/kafka/send-plan.js';
import { partitionFor } from '../../../../../src/msk/partitioner.js';
import type { OutgoingRecord } from '../../../../../src/ports/event-bus.js';

const utf8 = new TextEncoder();
const T = 1_800_000_000_000;

function record(key: string | null, valueBytes = 10, headers: Record<string, string> = {}): OutgoingRecord {
  return { key, value: new Uint8Array(valueBytes), headers };
}

describe('partitionsFor', () => {
  it("places every keyed record where Kafka's default partitioner (partitionFor) does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 64 }),
        (keys, n) => {
          const records = keys.map((key) => record(key));

          const partitions = partitionsFor(records, n, () => 0);

          expect(partitions).toEqual(keys.map((key) => partitionFor(key, n)));
        },
      ),
    );
  });

  it('spreads records without a key over the partitions in turn', () => {
    let next = 0;
    const records = [record(null), record(null), record('P1'), record(null)];

    const partitions = partitionsFor(records, 3, () => next++);

    expect([partitions[0], partitions[1], partitions[3]]).toEqual([0, 1, 2]);
    expect(partitions[2]).toBe(partitionFor('P1', 3));
  });
});

describe('planSend', () => {
  it('takes every queued record when the limits allow it', () => {
    const queued = [0, 1, 0, 1].map((partition) => ({ partition, bytes: 100, timestamp: T }));

    const count = planSend(queued, { batchRecords: 10, batchBytes: 1_000 });

    expect(count).toBe(4);
  });

  it('stops at batchRecords', () => {
    const queued = Array.from({ length: 7 }, () => ({ partition: 0, bytes: 1, timestamp: T }));

    const count = planSend(queued, { batchRecords: 5, batchBytes: 1_000 });

    expect(count).toBe(5);
  });

  it("never lets one partition's batch grow past batchBytes unless it is one oversized record, and always takes one", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            partition: fc.integer({ min: 0, max: 3 }),
            bytes: fc.integer({ min: 1, max: 600 }),
            timestamp: fc.constant(T),
          }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.integer({ min: 100, max: 2_000 }),
        (queued, batchBytes) => {
          const count = planSend(queued, { batchRecords: 1_000, batchBytes });

          expect(count).toBeGreaterThanOrEqual(1);
          const perPartition = new Map<number, { bytes: number; records: number }>();
          for (const { partition, bytes } of queued.slice(0, count)) {
            const sum = perPartition.get(partition) ?? { bytes: 0, records: 0 };
            perPartition.set(partition, { bytes: sum.bytes + bytes, records: sum.records + 1 });
          }
          for (const sum of perPartition.values()) {
            expect(sum.bytes <= batchBytes || sum.records === 1).toBe(true);
          }
        },
      ),
    );
  });

  it("starts a new request before a record whose create time is over 2^31-1 ms from its partition's first", () => {
    const queued = [
      { partition: 0, bytes: 1, timestamp: T },
      { partition: 1, bytes: 1, timestamp: 1 },
      { partition: 0, bytes: 1, timestamp: T - MAX_TIMESTAMP_SPREAD_MS },
      { partition: 0, bytes: 1, timestamp: 1 },
    ];

    const count = planSend(queued, { batchRecords: 100, batchBytes: 1_000 });
    const next = planSend(queued, { batchRecords: 100, batchBytes: 1_000 }, count);

    expect(count).toBe(3);
    expect(next).toBe(1);
  });
});

describe('offsetsInOrder', () => {
  it("gives each record its partition's base offset plus its place among that partition's records", () => {
    const partitions = [2, 0, 2, 2, 0];
    const baseOffsets = new Map([
      [0, 40n],
      [2, 7n],
    ]);

    const offsets = offsetsInOrder(partitions, baseOffsets);

    expect(offsets).toEqual([7, 40, 8, 9, 41]);
  });

  it('fails loudly when the broker reported no offset for a partition that was written', () => {
    const compute = () => offsetsInOrder([1], new Map());

    expect(compute).toThrow(/partition 1/);
  });
});

describe('recordBytes', () => {
  it('counts key, value and header bytes', () => {
    const outgoing = record('P123', 2_500, { 'realty-source': 'sandbox' });

    const bytes = recordBytes(outgoing);

    expect(bytes).toBeGreaterThanOrEqual(
      utf8.encode('P123').length + 2_500 + utf8.encode('realty-source').length + 7,
    );
    expect(bytes).toBeLessThan(2_600);
  });
});
