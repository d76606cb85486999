import type { CompactionEngine, CompactionManifest } from '../compaction/compaction-manifest.js';
import type { PartitionValues } from '../domain/partition-path.js';

/** One compaction run, as the use-case asks for it. */
export interface CompactionRequest {
  /** Names the run's manifest (curated/_manifests/runs/<runId>.json); Glue's JobRunId on AWS. */
  runId: string;
  database: string;
  /** Raw partitions with new data; the engine recompacts their scope (see compactionScope). */
  partitions: readonly PartitionValues[];
  /** Curated files are split to stay about this size; small partitions become one file. */
  targetFileBytes: number;
  /** Raw files modified after this instant are new to the next run; recorded in the manifest. */
  watermarkMs: number;
}

/** The steps both engines report, in order. */
export const COMPACTION_STEPS = [
  'listing',
  'deduplicating',
  'history',
  'current',
  'writing',
  'manifest',
] as const;
export type CompactionStep = (typeof COMPACTION_STEPS)[number];

export interface CompactionProgress {
  step: CompactionStep;
  /** Steps finished before this one. */
  done: number;
  total: number;
}

export interface CompactOptions {
  /** Stops the run; the curated tables keep their previous state when it stops before committing. */
  signal?: AbortSignal;
  onProgress?: (progress: CompactionProgress) => void;
}

/** Turns raw partitions into curated listings_history and listings_current: Glue Spark or DuckDB. */
export interface Compactor {
  readonly engine: CompactionEngine;
  /** Rewrites the curated partitions of the request's scope, writes the run manifest and latest.json, resolves with the manifest. */
  compact(request: CompactionRequest, options?: CompactOptions): Promise<CompactionManifest>;
}
