import type { PartitionRanges } from '../msk/offset-ranges.js';

/** What one ingest run log (`runs/ingest/<runId>.json`) says it did. */
export interface RunLedger {
  runId: string;
  startedAt: number;
  finishedAt: number;
  fetched: number;
  produced: number;
  failedAreas: number;
  /** Where its records landed; null in run logs written before offsets were recorded. */
  producedOffsets: PartitionRanges[] | null;
  /** `started`: the ingest never closed its log (killed, or still running); absent in logs older than the status. */
  status?: 'started' | 'completed' | 'failed';
}

/** One Kafka record, by where it sits in the log. */
export interface RecordRef {
  topic: string;
  partition: number;
  offset: number;
}

/** listings_raw rows of the selected runs. */
export interface RawFacts {
  rows: number;
  /** The distinct offsets the rows came from. */
  written: PartitionRanges[];
  /** Offsets written more than once (a sample when there are many). */
  duplicates: (RecordRef & { copies: number })[];
}

/** Committed offsets of the transform's consumer group, and the log-end offsets, per partition. */
export interface GroupPosition {
  committed: RecordRef[];
  ends: RecordRef[];
}

/** How the run's listing-days show in one curated table. */
export interface CuratedTableCounts {
  table: string;
  /** Distinct keys of the runs' raw rows the table should hold once compacted. */
  expected: number;
  present: number;
  /** Not in the table: compaction has not run since, or lost them. */
  missing: number;
  /** Keys the table holds more than once (it must hold none). */
  duplicates: number;
}

export interface CuratedCounts {
  history: CuratedTableCounts | null;
  current: CuratedTableCounts | null;
}

/** Everything reconciliation looks at, already read from the store, the tables and the bus. */
export interface ReconcileFacts {
  runs: RunLedger[];
  raw: RawFacts;
  /** One entry per dead-letter line. */
  deadLetters: RecordRef[];
  /** One entry per record in on-failure invocation records. */
  onFailure: RecordRef[];
  group: GroupPosition | null;
  /** null when no curated table exists yet. */
  curated: CuratedCounts | null;
}
