import type { MskRecord } from '../msk/msk-event-types.js';
import { recordLabel, type TransformOutcome } from '../pipeline/transform-batch.js';
import type { EsmStats } from './esm-stats.js';

/** What the transform did over a whole drain, by record identity, so a retried record is counted once. */
export interface OutcomeTally {
  written: Set<string>;
  rejected: Set<string>;
  objects: Set<string>;
  partitionsAdded: number;
  esm: EsmStats;
}

/** Adds one successful invocation's outcome: every record of it not failed and not rejected was written. */
export function tallyOutcome(
  tally: OutcomeTally,
  records: readonly Pick<MskRecord, 'topic' | 'partition' | 'offset'>[],
  outcome: TransformOutcome,
): void {
  const failed = new Set(
    outcome.batchItemFailures.map(({ itemIdentifier: id }) => `${id.partition}-${id.offset}`),
  );
  const rejected = new Set(outcome.rejectedItems);
  for (const record of records) {
    const id = recordLabel(record);
    if (failed.has(id)) continue;
    if (rejected.has(id)) tally.rejected.add(id);
    else tally.written.add(id);
  }
  for (const key of outcome.objects) tally.objects.add(key);
  tally.partitionsAdded += outcome.partitionsAdded;
}
