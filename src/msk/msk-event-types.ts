/** One record of an MSK (or self-managed Kafka) Lambda event, as AWS delivers it. */
export interface MskRecord {
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  timestampType: 'CREATE_TIME' | 'LOG_APPEND_TIME';
  /** Base64 of the key bytes; absent or null when the record had no key. */
  key?: string | null;
  /** Base64 of the value bytes; absent or null for a tombstone. */
  value?: string | null;
  /** One object per header, `{ name: [byte, byte, ...] }`. */
  headers: Record<string, number[]>[];
}

/** The event the Lambda MSK trigger invokes the consumer with. */
export interface MskEvent {
  /** MSK sends `aws:kafka`; self-managed Kafka events are seen as `SelfManagedKafka` and `aws:SelfManagedKafka`. */
  eventSource: MskEventSource;
  eventSourceArn?: string;
  bootstrapServers: string;
  /** Records grouped by `"topic-partition"`, each group in offset order. */
  records: Record<string, MskRecord[]>;
}

/** Every `eventSource` real Kafka events carry (MSK, and both spellings of self-managed Kafka). */
export const MSK_EVENT_SOURCES = ['aws:kafka', 'SelfManagedKafka', 'aws:SelfManagedKafka'] as const;
export type MskEventSource = (typeof MSK_EVENT_SOURCES)[number];

/** A failed record in a Kafka partial batch response: the `records` key ("topic-partition") and the offset. */
export interface KafkaItemIdentifier {
  partition: string;
  offset: number;
}

/** The partial batch response (ReportBatchItemFailures) in the shape Lambda reads for Kafka event sources. */
export interface MskBatchResponse {
  batchItemFailures: { itemIdentifier: KafkaItemIdentifier }[];
}
