import { setTimeout as sleep } from 'node:timers/promises';
import { BusError } from '../../src/errors.js';
import { partitionFor } from '../../src/msk/partitioner.js';
import type {
  ConsumedRecord,
  EventConsumer,
  EventProducer,
  FetchLimits,
  OutgoingRecord,
  TopicPartitionOffset,
} from '../../src/ports/event-bus.js';
import { consumedRecords, type RecordSpec, TEST_TOPIC } from './consumed-records.js';

/** How a fetch waits for data: up to `ms`, returning early once `ready()` holds. */
export type WaitFor = (ms: number, ready: () => boolean) => Promise<void>;

/** A WaitFor on the real clock, checking `ready()` every few milliseconds. */
export const realTimeWaitFor: WaitFor = async (ms, ready) => {
  const deadline = performance.now() + ms;
  while (!ready() && performance.now() < deadline) await sleep(Math.min(5, deadline - performance.now()));
};

/** A record to append; `offset` only to leave a gap (as compaction does), never to go back. */
export type AppendSpec = Omit<RecordSpec, 'offset' | 'topic'> & { offset?: number };

/**
 * A partitioned topic in memory with Kafka's consumer-group semantics: offsets per partition, committed
 * offsets per group, and consumers that read from their position, seek, and commit. Offsets can have gaps
 * (as compaction leaves them).
 */
export class InMemoryEventLog {
  readonly topic: string;
  readonly #partitions: ConsumedRecord[][];
  readonly #committed = new Map<string, Map<number, number>>();
  /** Every commit call, per group, in order. */
  readonly commits: { group: string; positions: TopicPartitionOffset[] }[] = [];

  constructor(partitions: number, topic = TEST_TOPIC) {
    this.topic = topic;
    this.#partitions = Array.from({ length: partitions }, () => []);
  }

  /** Appends records at each partition's end. */
  append(specs: readonly AppendSpec[]): ConsumedRecord[] {
    return specs.map((spec) => {
      const log = this.#partition(spec.partition);
      const offset = Math.max(this.endOffset(spec.partition), spec.offset ?? 0);
      const [record] = consumedRecords([{ ...spec, topic: this.topic, offset }]);
      log.push(record!);
      return record!;
    });
  }

  endOffset(partition: number): number {
    const last = this.#partition(partition).at(-1);
    return last === undefined ? 0 : last.offset + 1;
  }

  committed(group: string): TopicPartitionOffset[] {
    const offsets = this.#committed.get(group);
    return this.#partitions.map((_, partition) => ({
      topic: this.topic,
      partition,
      offset: offsets?.get(partition) ?? 0,
    }));
  }

  /**
   * The EventProducer port over this log: Kafka's murmur2 partitioner for keyed records, offsets in produce
   * order, the producer's clock for a record without a timestamp. With it the double runs the EventBus
   * contract (test/unit/helpers/in-memory-event-log.test.ts), as the embedded log and Kafka do.
   */
  producer(): EventProducer {
    let roundRobin = 0;
    return {
      ensureTopic: async (spec) => {
        if (spec.topic !== this.topic) throw new Error(`this in-memory log is topic ${this.topic} only`);
        if (spec.partitions === this.partitionCount || spec.keepExistingPartitions) return;
        const setting = spec.partitionsSetting
          ? `; set ${spec.partitionsSetting} to ${this.partitionCount}`
          : '';
        throw new BusError(
          `topic ${this.topic} exists with ${this.partitionCount} partitions, not ${spec.partitions}${setting}`,
        );
      },
      produce: async (topic, records) =>
        records.map((record) => {
          if (topic !== this.topic) throw new Error(`topic ${topic} does not exist`);
          const partition =
            record.key === null
              ? roundRobin++ % this.partitionCount
              : partitionFor(record.key, this.partitionCount);
          return this.#appendOutgoing(partition, record);
        }),
      close: async () => undefined,
    };
  }

  #appendOutgoing(partition: number, record: OutgoingRecord): TopicPartitionOffset {
    const offset = this.endOffset(partition);
    const utf8 = new TextEncoder();
    this.#partition(partition).push({
      topic: this.topic,
      partition,
      offset,
      timestamp: record.timestamp ?? Date.now(),
      timestampType: 'CREATE_TIME',
      key: record.key === null ? null : utf8.encode(record.key),
      value: record.value.slice(),
      headers: Object.entries(record.headers).map(([name, text]) => [name, utf8.encode(text)]),
    });
    return { topic: this.topic, partition, offset };
  }

  /** A consumer-group member starting at the group's committed offsets. */
  consumer(group: string, waitFor: WaitFor): InMemoryEventConsumer {
    return new InMemoryEventConsumer(this, group, waitFor);
  }

  /** Records of `partition` from `offset` on (offsets may skip). */
  readFrom(partition: number, offset: number): ConsumedRecord[] {
    return this.#partition(partition).filter((record) => record.offset >= offset);
  }

  get partitionCount(): number {
    return this.#partitions.length;
  }

  commit(group: string, positions: readonly TopicPartitionOffset[]): void {
    const offsets = this.#committed.get(group) ?? new Map<number, number>();
    for (const position of positions) offsets.set(position.partition, position.offset);
    this.#committed.set(group, offsets);
    this.commits.push({ group, positions: positions.map((p) => ({ ...p })) });
  }

  #partition(partition: number): ConsumedRecord[] {
    const log = this.#partitions[partition];
    if (log === undefined) throw new Error(`partition ${partition} does not exist`);
    return log;
  }
}

/** The EventConsumer port over an InMemoryEventLog. */
export class InMemoryEventConsumer implements EventConsumer {
  readonly #positions: Map<number, number>;
  /** Every fetch call's limits, in order. */
  readonly fetches: FetchLimits[] = [];
  closed = false;

  constructor(
    private readonly log: InMemoryEventLog,
    private readonly group: string,
    private readonly waitFor: WaitFor,
  ) {
    this.#positions = new Map(log.committed(group).map((p) => [p.partition, p.offset]));
  }

  async fetch(limits: FetchLimits): Promise<ConsumedRecord[]> {
    this.fetches.push({ ...limits });
    const ready = this.#take(limits);
    if (ready.length > 0 || limits.maxWaitMs <= 0) return ready;
    // Kafka's fetch.max.wait.ms: the broker holds the request until data arrives or the wait is over.
    await this.waitFor(limits.maxWaitMs, () => this.#hasData());
    return this.#take(limits);
  }

  async seek(position: TopicPartitionOffset): Promise<void> {
    this.#positions.set(position.partition, position.offset);
  }

  async commit(positions: readonly TopicPartitionOffset[]): Promise<void> {
    this.log.commit(this.group, positions);
  }

  async committed(): Promise<TopicPartitionOffset[]> {
    return this.log.committed(this.group);
  }

  async endOffsets(): Promise<TopicPartitionOffset[]> {
    return Array.from({ length: this.log.partitionCount }, (_, partition) => ({
      topic: this.log.topic,
      partition,
      offset: this.log.endOffset(partition),
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  #hasData(): boolean {
    return Array.from({ length: this.log.partitionCount }, (_, p) => p).some(
      (p) => this.log.endOffset(p) > (this.#positions.get(p) ?? 0),
    );
  }

  // Partition by partition, like a Kafka fetch response; always at least one record when any is there, as
  // Kafka returns an oversized first record rather than nothing (KIP-74).
  #take(limits: FetchLimits): ConsumedRecord[] {
    const out: ConsumedRecord[] = [];
    let bytes = 0;
    for (let partition = 0; partition < this.log.partitionCount; partition += 1) {
      for (const record of this.log.readFrom(partition, this.#positions.get(partition) ?? 0)) {
        const size = (record.key?.byteLength ?? 0) + (record.value?.byteLength ?? 0);
        if (out.length >= limits.maxRecords || (out.length > 0 && bytes + size > limits.maxBytes)) return out;
        out.push(record);
        bytes += size;
        this.#positions.set(partition, record.offset + 1);
      }
    }
    return out;
  }
}
