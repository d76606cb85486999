import { BusError } from '../../../errors.js';
import { partitionFor } from '../../../msk/partitioner.js';
import type {
  EventProducer,
  OutgoingRecord,
  TopicPartitionOffset,
  TopicSpec,
} from '../../../ports/event-bus.js';
import type { LogState } from './log-state.js';
import type { AppendRecord } from './partition-log.js';

const utf8 = new TextEncoder();

/** An EventProducer over the embedded log: Kafka's keyed placement, one fsync'd append per partition per call. */
export function createEmbeddedProducer(state: LogState): EventProducer {
  return new EmbeddedProducer(state);
}

type PartitionBatch = { indexes: number[]; records: AppendRecord[] };

class EmbeddedProducer implements EventProducer {
  // Keyless records stick to one partition per produce() call and the next call moves on, in the spirit of
  // Kafka's sticky partitioner (KIP-480), which sticks to one partition per batch.
  private readonly stickyByTopic = new Map<string, number>();
  private closed = false;

  constructor(private readonly state: LogState) {}

  /** Creates the topic when it does not exist (idempotent). */
  ensureTopic(spec: TopicSpec): Promise<void> {
    return this.state.ensureTopic(spec);
  }

  /** Appends records durably (fsync before resolving); resolves with where each landed, in input order. */
  async produce(topic: string, records: readonly OutgoingRecord[]): Promise<TopicPartitionOffset[]> {
    if (this.closed) throw new BusError('this producer is closed: get a new one from the event log');
    const log = await this.state.requireTopic(topic);
    const batches = this.split(topic, records, log.partitions.length);
    const landed: TopicPartitionOffset[] = new Array(records.length);
    await this.state.exclusive(() =>
      Promise.all(
        [...batches].map(async ([partition, batch]) => {
          const base = await log.partition(partition).append(batch.records);
          batch.indexes.forEach((index, k) => {
            landed[index] = { topic, partition, offset: base + k };
          });
        }),
      ),
    );
    this.state.signal.notify();
    return landed;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Groups records by partition: Kafka's partitionFor for keyed ones, this call's sticky partition for the rest. */
  private split(
    topic: string,
    records: readonly OutgoingRecord[],
    count: number,
  ): Map<number, PartitionBatch> {
    const sticky = this.stickyByTopic.get(topic) ?? 0;
    this.stickyByTopic.set(topic, (sticky + 1) % count);
    const now = this.state.settings.clock();
    const batches = new Map<number, PartitionBatch>();
    records.forEach((record, i) => {
      const partition = record.key === null ? sticky : partitionFor(record.key, count);
      const batch = batches.get(partition) ?? { indexes: [], records: [] };
      batch.indexes.push(i);
      batch.records.push(toAppendRecord(record, now));
      batches.set(partition, batch);
    });
    return batches;
  }
}

function toAppendRecord(record: OutgoingRecord, now: number): AppendRecord {
  const timestamp = record.timestamp ?? now;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new BusError(
      `record timestamp must be epoch milliseconds (a non-negative integer), got ${timestamp}`,
    );
  }
  if (!(record.value instanceof Uint8Array)) {
    throw new BusError('record value must be a Uint8Array: encode the listing JSON to bytes first');
  }
  return {
    timestamp,
    key: record.key === null ? null : utf8.encode(record.key),
    value: record.value,
    headers: Object.entries(record.headers).map(([name, value]) => [name, utf8.encode(value)]),
  };
}
