import type { RecordsBatch } from '@platformatic/kafka';
import type { ConsumedRecord } from '../../../ports/event-bus.js';

// Record batch attributes (Kafka's DefaultRecordBatch): bit 3 = timestamp type, bit 5 = control batch.
const LOG_APPEND_TIME = 1 << 3;
const CONTROL = 1 << 5;
const NO_BYTES = new Uint8Array(0);

export interface FetchedPartition {
  records: ConsumedRecord[];
  /** Offset after the last batch the broker returned (control batches included); undefined when none. */
  nextOffset: bigint | undefined;
}

/**
 * The records of one partition's fetched batches at or after `fromOffset`. The broker returns whole
 * batches, so a batch may start before the requested offset; control batches (transaction markers)
 * carry no records but still move the position.
 */
export function recordsFromBatches(
  topic: string,
  partition: number,
  batches: readonly RecordsBatch[],
  fromOffset: bigint,
): FetchedPartition {
  const records: ConsumedRecord[] = [];
  let nextOffset: bigint | undefined;
  for (const batch of batches) {
    const end = batch.firstOffset + BigInt(batch.lastOffsetDelta) + 1n;
    if (nextOffset === undefined || end > nextOffset) nextOffset = end;
    if (batch.attributes & CONTROL) continue;
    const logAppend = (batch.attributes & LOG_APPEND_TIME) !== 0;
    for (const record of batch.records) {
      const offset = batch.firstOffset + BigInt(record.offsetDelta);
      if (offset < fromOffset) continue;
      records.push({
        topic,
        partition,
        offset: Number(offset),
        // With LogAppendTime the broker stamps the whole batch: maxTimestamp is every record's time.
        timestamp: Number(logAppend ? batch.maxTimestamp : batch.firstTimestamp + record.timestampDelta),
        timestampType: logAppend ? 'LOG_APPEND_TIME' : 'CREATE_TIME',
        key: bytesOf(record.key),
        value: bytesOf(record.value),
        headers: record.headers.map(([name, value]) => [
          name?.toString('utf8') ?? '',
          bytesOf(value) ?? NO_BYTES,
        ]),
      });
    }
  }
  return { records, nextOffset };
}

// A plain Uint8Array view of the client's Buffer (no copy): the port speaks Uint8Array, as the embedded log does.
function bytesOf(buffer: Buffer | null): Uint8Array | null {
  return buffer === null ? null : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
