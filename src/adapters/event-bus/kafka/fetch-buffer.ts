import type { ConsumedRecord, FetchLimits } from '../../../ports/event-bus.js';
import type { FetchedPartition } from './fetched-records.js';

export interface FetchBuffer {
  /** Next offset to hand out, per assigned partition. */
  readonly positions: Map<number, bigint>;
  readonly isEmpty: boolean;
  add(partition: number, fetched: FetchedPartition): void;
  /** Hands out buffered records in fetch order, at most maxRecords and maxBytes (but always one). */
  take(limits: Pick<FetchLimits, 'maxRecords' | 'maxBytes'>): ConsumedRecord[];
  /** Moves a partition to `offset`, forgetting what was buffered for it. */
  seek(partition: number, offset: bigint): void;
  /** Keeps only the given partitions (after a rebalance). */
  retain(partitions: ReadonlySet<number>): void;
}

/**
 * The records fetched but not yet handed out, and the consumer's position per partition. A partition's
 * position reaches the end of its fetched range (past control batches) once its records are all taken.
 */
export function createFetchBuffer(): FetchBuffer {
  const positions = new Map<number, bigint>();
  const remaining = new Map<number, number>();
  const ends = new Map<number, bigint>();
  let records: ConsumedRecord[] = [];
  let head = 0;

  const keep = (wanted: (partition: number) => boolean): void => {
    records = records.slice(head).filter((record) => wanted(record.partition));
    head = 0;
    for (const map of [positions, remaining, ends]) {
      for (const partition of map.keys()) if (!wanted(partition)) map.delete(partition);
    }
  };

  const settleEnds = (): void => {
    for (const [partition, end] of ends) {
      if ((remaining.get(partition) ?? 0) > 0) continue;
      if (end > (positions.get(partition) ?? -1n)) positions.set(partition, end);
      ends.delete(partition);
    }
  };

  return {
    positions,
    get isEmpty() {
      return head === records.length;
    },
    add(partition, fetched) {
      for (const record of fetched.records) records.push(record);
      remaining.set(partition, (remaining.get(partition) ?? 0) + fetched.records.length);
      if (fetched.nextOffset !== undefined) ends.set(partition, fetched.nextOffset);
    },
    take(limits) {
      const out: ConsumedRecord[] = [];
      let bytes = 0;
      while (head < records.length && out.length < limits.maxRecords) {
        const record = records[head]!;
        const size = (record.key?.byteLength ?? 0) + (record.value?.byteLength ?? 0);
        if (out.length > 0 && bytes + size > limits.maxBytes) break;
        out.push(record);
        head += 1;
        bytes += size;
        positions.set(record.partition, BigInt(record.offset) + 1n);
        remaining.set(record.partition, (remaining.get(record.partition) ?? 1) - 1);
      }
      settleEnds();
      if (head === records.length) {
        records = [];
        head = 0;
      }
      return out;
    },
    seek(partition, offset) {
      keep((p) => p !== partition);
      positions.set(partition, offset);
    },
    retain(partitions) {
      keep((p) => partitions.has(p));
    },
  };
}
