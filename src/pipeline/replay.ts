import { ReplayError } from '../errors.js';
import { buildMskEvent, type MskEventSource } from '../msk/msk-event.js';
import type { MskEvent } from '../msk/msk-event-types.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import type { ReconcileReport, ReconcileSelection } from './reconcile.js';
import type { TransformOutcome } from './transform-batch.js';

/** A run of offsets of one topic partition, both ends included. */
export interface OffsetRange {
  topic: string;
  partition: number;
  first: number;
  last: number;
}

/** What to replay: the records reconcile finds nowhere (for a run or a date range), or given offsets. */
export type ReplaySelection = ReconcileSelection | { offsets: OffsetRange[] };

export interface ReplayDeps {
  reconcile: (selection: ReconcileSelection) => Promise<ReconcileReport>;
  /** The records of the ranges still in the event log (Kafka: within retention), in any order. */
  readRecords: (ranges: readonly OffsetRange[]) => Promise<ConsumedRecord[]>;
  /** The transform use-case, as the MSK trigger would invoke it. */
  transform: (event: MskEvent) => Promise<TransformOutcome>;
  source: MskEventSource;
  batchSize: number;
}

export interface ReplayOutcome {
  ranges: OffsetRange[];
  /** Offsets asked for, found in the log, and written back to raw or dead-letter. */
  wanted: number;
  found: number;
  /** Offsets the log no longer holds (a damaged or deleted segment, or past retention): not rebuilt. */
  unrecoverable: number;
  written: number;
  deadLettered: number;
  objects: string[];
}

/**
 * Rebuilds raw objects from the event log: the records of the selection that reconcile counts as lost
 * (or the given offsets) are read back and transformed again. Raw keys are deterministic, so a replayed
 * batch writes the object it lost; records the log no longer holds are counted, never skipped silently.
 */
export async function replay(selection: ReplaySelection, deps: ReplayDeps): Promise<ReplayOutcome> {
  const ranges = 'offsets' in selection ? selection.offsets : lostRanges(await deps.reconcile(selection));
  const wanted = ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0);
  const outcome: ReplayOutcome = {
    ranges,
    wanted,
    found: 0,
    unrecoverable: 0,
    written: 0,
    deadLettered: 0,
    objects: [],
  };
  if (wanted === 0) return outcome;
  const records = (await deps.readRecords(ranges)).filter((record) => inRanges(record, ranges));
  outcome.found = records.length;
  outcome.unrecoverable = wanted - records.length;
  for (let start = 0; start < records.length; start += deps.batchSize) {
    const event = buildMskEvent(records.slice(start, start + deps.batchSize), deps.source);
    const result = await deps.transform(event);
    if (result.batchItemFailures.length > 0) {
      throw new ReplayError(
        `${result.batchItemFailures.length} replayed records could not be written; run \`realty replay\` again`,
      );
    }
    outcome.written += result.written;
    outcome.deadLettered += result.deadLettered;
    outcome.objects.push(...result.objects);
  }
  return outcome;
}

function lostRanges(report: ReconcileReport): OffsetRange[] {
  return report.gaps
    .filter((gap) => gap.kind === 'lost')
    .map(({ topic, partition, first, last }) => ({ topic, partition, first, last }));
}

function inRanges(record: ConsumedRecord, ranges: readonly OffsetRange[]): boolean {
  return ranges.some(
    (r) =>
      r.topic === record.topic &&
      r.partition === record.partition &&
      record.offset >= r.first &&
      record.offset <= r.last,
  );
}

/** `topic-partition first-last, ...` as reconcile prints gaps. */
export function describeRanges(ranges: readonly OffsetRange[]): string {
  return ranges
    .map((r) => `${r.topic}-${r.partition} ${r.first}${r.first === r.last ? '' : `-${r.last}`}`)
    .join(', ');
}
