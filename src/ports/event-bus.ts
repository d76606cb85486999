/** A record to produce: key = property_id, value = the raw listing JSON bytes. */
export interface OutgoingRecord {
  key: string | null;
  value: Uint8Array;
  headers: Record<string, string>;
  /** Create time, epoch ms; the producer's clock when absent. */
  timestamp?: number;
}

export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** A record as the consumer reads it back, in Kafka's terms. */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'CREATE_TIME' | 'LOG_APPEND_TIME';
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: [string, Uint8Array][];
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  /** `partitions` is only the count of a new topic: an existing topic keeps its own, whatever it is. */
  keepExistingPartitions?: boolean;
  /** Where `partitions` was set (e.g. `REALTY_TOPIC_PARTITIONS (--partitions)`): named when an existing topic differs. */
  partitionsSetting?: string;
}

/** Produces keyed records to a topic; partitions with Kafka's default (murmur2) partitioner. */
export interface EventProducer {
  /** Creates the topic when it does not exist (idempotent). */
  ensureTopic(spec: TopicSpec): Promise<void>;
  /** Appends records durably (acks=all on Kafka); resolves with where each landed, in input order. */
  produce(topic: string, records: readonly OutgoingRecord[]): Promise<TopicPartitionOffset[]>;
  close(): Promise<void>;
}

/** Limits of one fetch, as Kafka's consumer expresses them. */
export interface FetchLimits {
  maxRecords: number;
  maxBytes: number;
  maxWaitMs: number;
}

/** A consumer-group member reading one topic from its committed offsets. */
export interface EventConsumer {
  /** Next records after the consumer's position, at most `limits`; empty when nothing arrived in maxWaitMs. */
  fetch(limits: FetchLimits): Promise<ConsumedRecord[]>;
  /** Moves the position of a partition back (or forward) to `offset`, e.g. to re-read a failed batch. */
  seek(position: TopicPartitionOffset): Promise<void>;
  /** Commits, for each partition, the offset of the next record to read. */
  commit(positions: readonly TopicPartitionOffset[]): Promise<void>;
  /** Committed offset per partition (next to read); 0 where nothing was committed. */
  committed(): Promise<TopicPartitionOffset[]>;
  /** Log-end offset per partition: what a drained consumer group has committed up to. */
  endOffsets(): Promise<TopicPartitionOffset[]>;
  close(): Promise<void>;
}
