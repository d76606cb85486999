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
  eventSource: 'aws:kafka' | 'SelfManagedKafka';
  eventSourceArn?: string;
  bootstrapServers: string;
  /** Records grouped by `"topic-partition"`, each group in offset order. */
  records: Record<string, MskRecord[]>;
}

/** The partial batch response (ReportBatchItemFailures): itemIdentifier is `topic-partition-offset`. */
export interface MskBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}
