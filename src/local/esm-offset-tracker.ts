import { topicPartitionKey } from '../msk/msk-event.js';
import type { ConsumedRecord, TopicPartitionOffset } from '../ports/event-bus.js';

interface PartitionState {
  topic: string;
  partition: number;
  /** Offsets fetched and not yet resolved, in fetch (= offset) order. */
  outstanding: Set<number>;
  /** Offset after the last record fetched. */
  fetchedUpTo: number;
  committed: number;
}

/**
 * Which offsets a consumer group may commit: for each partition, up to the first record fetched but not yet
 * resolved (processed, or sent to the on-failure destination). Works from what was fetched, not offset + 1,
 * because compaction and transaction markers leave gaps in Kafka offsets.
 */
export class EsmOffsetTracker {
  readonly #partitions = new Map<string, PartitionState>();

  constructor(committed: readonly TopicPartitionOffset[]) {
    for (const { topic, partition, offset } of committed) {
      const state = {
        topic,
        partition,
        outstanding: new Set<number>(),
        fetchedUpTo: offset,
        committed: offset,
      };
      this.#partitions.set(topicPartitionKey(topic, partition), state);
    }
  }

  fetched(records: readonly ConsumedRecord[]): void {
    for (const record of records) {
      const state = this.#state(record);
      state.outstanding.add(record.offset);
      state.fetchedUpTo = Math.max(state.fetchedUpTo, record.offset + 1);
    }
  }

  resolved(records: readonly ConsumedRecord[]): void {
    for (const record of records) this.#state(record).outstanding.delete(record.offset);
  }

  /** Offset after the last fetched record of the partition (the committed offset before any fetch). */
  fetchedUpTo(topic: string, partition: number): number {
    return this.#partitions.get(topicPartitionKey(topic, partition))?.fetchedUpTo ?? 0;
  }

  /** Positions that moved since the last call: the next offset to read for each partition. */
  takeCommits(): TopicPartitionOffset[] {
    const commits: TopicPartitionOffset[] = [];
    for (const state of this.#partitions.values()) {
      const next = firstOf(state.outstanding) ?? state.fetchedUpTo;
      if (next > state.committed) {
        state.committed = next;
        commits.push({ topic: state.topic, partition: state.partition, offset: next });
      }
    }
    return commits;
  }

  /** Where to seek so that records fetched but not resolved are read again. */
  rewindPositions(): TopicPartitionOffset[] {
    return [...this.#partitions.values()].flatMap((state) => {
      const first = firstOf(state.outstanding);
      return first === undefined ? [] : [{ topic: state.topic, partition: state.partition, offset: first }];
    });
  }

  #state(record: ConsumedRecord): PartitionState {
    const key = topicPartitionKey(record.topic, record.partition);
    let state = this.#partitions.get(key);
    if (state === undefined) {
      // A partition the group had no committed offset for: start it at the first record seen.
      state = {
        topic: record.topic,
        partition: record.partition,
        outstanding: new Set(),
        fetchedUpTo: 0,
        committed: 0,
      };
      this.#partitions.set(key, state);
    }
    return state;
  }
}

function firstOf(offsets: Set<number>): number | undefined {
  for (const offset of offsets) return offset;
  return undefined;
}
