import { BusError } from '../../../errors.js';
import { partitionFor } from '../../../msk/partitioner.js';
import type { OutgoingRecord } from '../../../ports/event-bus.js';

export interface SendLimits {
  /** Most records in one produce request. */
  batchRecords: number;
  /** Most bytes of one partition's batch within a request. */
  batchBytes: number;
}

/**
 * Widest spread of create times inside one partition's batch. Records store their time as a delta from
 * the batch's first; @platformatic/dynamic-buffer 0.3.1 zigzag-encodes that varlong with `>> 31n` instead
 * of `>> 63n`, so a delta beyond 32 bits is written wrong (the broker then rejects or misdates the record).
 */
export const MAX_TIMESTAMP_SPREAD_MS = 2 ** 31 - 1;

// Per-record framing of Kafka's record format v2 (length, attributes, deltas, counts), upper bound.
const RECORD_OVERHEAD_BYTES = 21;

/**
 * The partition of each record: a keyed record goes where Kafka's default partitioner puts it
 * (the same partition as the embedded log); a record without a key takes the next partition in turn.
 */
export function partitionsFor(
  records: readonly OutgoingRecord[],
  partitions: number,
  nextRoundRobin: () => number,
): number[] {
  return records.map((record) =>
    record.key === null ? nextRoundRobin() % partitions : partitionFor(record.key, partitions),
  );
}

/**
 * How many queued records (from `start`, the head, so order is kept) the next produce request carries:
 * at most batchRecords, and no partition's batch past batchBytes (the broker's message.max.bytes
 * bounds a batch), and no partition's create times further apart than MAX_TIMESTAMP_SPREAD_MS.
 * The first record always goes, however large, so nothing waits forever.
 */
export function planSend(
  queued: readonly { partition: number; bytes: number; timestamp: number }[],
  limits: SendLimits,
  start = 0,
): number {
  const batches = new Map<number, { bytes: number; firstTimestamp: number }>();
  let count = 0;
  for (let i = start; i < queued.length && count < limits.batchRecords; i++) {
    const { partition, bytes, timestamp } = queued[i]!;
    const batch = batches.get(partition) ?? { bytes: 0, firstTimestamp: timestamp };
    const tooBig = batch.bytes + bytes > limits.batchBytes;
    const tooSpread = Math.abs(timestamp - batch.firstTimestamp) > MAX_TIMESTAMP_SPREAD_MS;
    if (count > 0 && (tooBig || tooSpread)) break;
    batches.set(partition, { bytes: batch.bytes + bytes, firstTimestamp: batch.firstTimestamp });
    count += 1;
  }
  return count;
}

/**
 * Each record's offset, in input order: a produce request writes one batch per partition, whose
 * records take consecutive offsets from the base offset the broker reports.
 */
export function offsetsInOrder(
  partitions: readonly number[],
  baseOffsets: ReadonlyMap<number, bigint>,
): number[] {
  const next = new Map<number, bigint>();
  return partitions.map((partition) => {
    const offset = next.get(partition) ?? baseOffsets.get(partition);
    if (offset === undefined) {
      throw new BusError(`the broker acknowledged the request without an offset for partition ${partition}`);
    }
    next.set(partition, offset + 1n);
    return Number(offset);
  });
}

/** Uncompressed size of a record in a batch, for the batchBytes limit. */
export function recordBytes(record: OutgoingRecord): number {
  let bytes = RECORD_OVERHEAD_BYTES + record.value.byteLength;
  if (record.key !== null) bytes += Buffer.byteLength(record.key);
  for (const name in record.headers)
    bytes += 10 + Buffer.byteLength(name) + Buffer.byteLength(record.headers[name]!);
  return bytes;
}
