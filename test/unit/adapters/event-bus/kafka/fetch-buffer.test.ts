import { describe, expect, it } from 'vitest';
import { createFetchBuffer } from '../../../../../src/adapters/event-bus/kafka/fetch-buffer.js';
import { consumedRecords } from '../../../../helpers/consumed-records.js';

const unlimited = { maxRecords: 1_000, maxBytes: 1_000_000 };

function fetched(partition: number, offsets: number[], nextOffset?: bigint) {
  const records = consumedRecords(offsets.map((offset) => ({ partition, offset })));
  const last = offsets.at(-1);
  return { records, nextOffset: nextOffset ?? (last === undefined ? undefined : BigInt(last) + 1n) };
}

describe('createFetchBuffer', () => {
  it('hands out at most maxRecords and moves each partition past what it handed out', () => {
    const buffer = createFetchBuffer();
    buffer.positions.set(0, 10n);
    buffer.positions.set(1, 4n);
    buffer.add(0, fetched(0, [10, 11, 12]));
    buffer.add(1, fetched(1, [4, 5]));

    const first = buffer.take({ maxRecords: 4, maxBytes: 1_000_000 });

    expect(first.map((r) => [r.partition, r.offset])).toEqual([
      [0, 10],
      [0, 11],
      [0, 12],
      [1, 4],
    ]);
    expect(buffer.positions).toEqual(
      new Map([
        [0, 13n],
        [1, 5n],
      ]),
    );
    expect(buffer.isEmpty).toBe(false);
  });

  it('stops before maxBytes but always hands out one record', () => {
    const buffer = createFetchBuffer();
    buffer.positions.set(0, 0n);
    const batch = fetched(0, [0, 1, 2]);
    const oneRecordBytes =
      (batch.records[0]!.key?.byteLength ?? 0) + (batch.records[0]!.value?.byteLength ?? 0);
    buffer.add(0, batch);

    const tiny = buffer.take({ maxRecords: 10, maxBytes: 1 });
    const two = buffer.take({ maxRecords: 10, maxBytes: oneRecordBytes * 2 });

    expect(tiny.map((r) => r.offset)).toEqual([0]);
    expect(two.map((r) => r.offset)).toEqual([1, 2]);
  });

  it('moves a partition past a trailing control batch once its records are all taken', () => {
    const buffer = createFetchBuffer();
    buffer.positions.set(0, 0n);
    buffer.add(0, fetched(0, [0, 1], 3n));

    buffer.take({ maxRecords: 1, maxBytes: 1_000_000 });
    const afterOne = buffer.positions.get(0);
    buffer.take(unlimited);

    expect(afterOne).toBe(1n);
    expect(buffer.positions.get(0)).toBe(3n);
  });

  it('forgets buffered records of a partition it seeks, and keeps the others', () => {
    const buffer = createFetchBuffer();
    buffer.positions.set(0, 0n);
    buffer.positions.set(1, 0n);
    buffer.add(0, fetched(0, [0, 1]));
    buffer.add(1, fetched(1, [0, 1]));

    buffer.seek(0, 0n);
    const taken = buffer.take(unlimited);

    expect(taken.map((r) => [r.partition, r.offset])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(buffer.positions.get(0)).toBe(0n);
    expect(buffer.isEmpty).toBe(true);
  });

  it('drops partitions that a rebalance took away', () => {
    const buffer = createFetchBuffer();
    buffer.positions.set(0, 0n);
    buffer.positions.set(1, 0n);
    buffer.add(0, fetched(0, [0]));
    buffer.add(1, fetched(1, [0]));

    buffer.retain(new Set([1]));
    const taken = buffer.take(unlimited);

    expect(taken.map((r) => r.partition)).toEqual([1]);
    expect([...buffer.positions.keys()]).toEqual([1]);
  });
});
