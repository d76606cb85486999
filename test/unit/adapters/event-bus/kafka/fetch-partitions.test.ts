import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharePerPartition } from '../../../../../src/adapters/event-bus/kafka/fetch-partitions.js';

describe('sharePerPartition', () => {
  it('splits a 6 MB fetch equally over six partitions, as Kafka splits fetch.max.bytes into max.partition.fetch.bytes', () => {
    expect(sharePerPartition(6_291_456, 6)).toBe(1_048_576);
    expect(sharePerPartition(6_291_456, 1)).toBe(6_291_456);
  });

  it('never asks a partition for more than the fetch, nor for less than 64 KB of a fetch that big', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (maxBytes, partitions) => {
          const share = sharePerPartition(maxBytes, partitions);
          expect(share).toBeLessThanOrEqual(maxBytes);
          expect(share).toBeGreaterThanOrEqual(Math.min(65_536, maxBytes));
        },
      ),
    );
  });
});
