import {
  combineSets,
  countOffsets,
  intersectRanges,
  type OffsetSet,
  offsetSetOf,
  type PartitionRanges,
  partitionKey,
  rangesOfOffsets,
  setSize,
  sortedPartitions,
  subtractRanges,
  unionSets,
} from '../msk/offset-ranges.js';
import type { CuratedCounts, GroupPosition, ReconcileFacts, RecordRef } from './reconcile-facts.js';

/** A run of offsets found nowhere: `lost` when the group committed past them, `pending` when not yet. */
export interface Gap {
  kind: 'lost' | 'pending';
  topic: string;
  partition: number;
  first: number;
  last: number;
  count: number;
}

/** An ingest whose log is still `started`: killed (or still running); the counts cover what it logged. */
export interface IncompleteRun {
  runId: string;
  fetched: number;
  produced: number;
  /** When the log was last saved (epoch ms). */
  savedAt: number;
}

export interface Reconciliation {
  runs: string[];
  /** Runs whose ingest did not complete; any makes the reconciliation not ok. */
  incomplete: IncompleteRun[];
  /** True when every run log recorded its offsets, so gaps are named exactly. */
  exact: boolean;
  fetched: number;
  produced: number;
  /** Fetched but never produced (the produce failed). */
  notProduced: number;
  /** Produced records below the group's committed offsets; null when the bus could not be read. */
  delivered: number | null;
  pending: number;
  /** Distinct records in listings_raw. */
  raw: number;
  rawRows: number;
  /** Distinct records in dead-letter/ (invalid) or the on-failure destination, and not in raw. */
  deadLettered: number;
  invalid: number;
  onFailure: number;
  curated: CuratedCounts | null;
  lost: number;
  duplicated: number;
  duplicates: { raw: number; deadLetter: number; onFailure: number; crossed: number };
  gaps: Gap[];
  duplicateSamples: (RecordRef & { copies: number })[];
  group: { committed: number; end: number; lag: number } | null;
  ok: boolean;
}

/** Where the runs' records were found: each set holds distinct offsets within the runs' produced offsets. */
interface Placement {
  scope: OffsetSet | undefined;
  raw: OffsetSet;
  invalid: OffsetSet;
  failed: OffsetSet;
  accounted: OffsetSet;
}

/** Counts every record of the selected runs end to end and names the gaps: fetched = raw + deadLettered + pending + lost. */
export function reconcileRecords(given: ReconcileFacts): Reconciliation {
  // What an interrupted day fetched but never produced, the run that redid the day fetched again.
  const runs = given.runs.map((r) =>
    r.status === 'started' && redone(r, given.runs) ? { ...r, fetched: r.produced } : r,
  );
  const facts = { ...given, runs };
  const produced = sum(facts.runs, (r) => r.produced);
  const fetched = sum(facts.runs, (r) => r.fetched);
  const notProduced = Math.max(0, fetched - produced);
  const at = place(facts);
  const missing = at.scope
    ? splitMissing(combineSets(at.scope, at.accounted, subtractRanges), facts.group)
    : approximateMissing(produced - setSize(at.accounted), facts.group);
  const duplicates = duplicatesOf(facts, at);
  const lost = missing.lost + notProduced;
  const curatedDuplicates =
    (facts.curated?.history?.duplicates ?? 0) + (facts.curated?.current?.duplicates ?? 0);
  const incomplete = facts.runs
    .filter((r) => r.status === 'started' && !redone(r, facts.runs))
    .map((r) => ({ runId: r.runId, fetched: r.fetched, produced: r.produced, savedAt: r.finishedAt }));
  return {
    runs: facts.runs.map((r) => r.runId),
    incomplete,
    exact: at.scope !== undefined,
    fetched,
    produced,
    notProduced,
    delivered: deliveredOf(at.scope, facts.group, produced - missing.pending),
    pending: missing.pending,
    raw: setSize(at.raw),
    rawRows: facts.raw.rows,
    deadLettered: setSize(at.accounted) - setSize(at.raw),
    invalid: setSize(combineSets(at.invalid, at.raw, subtractRanges)),
    onFailure: setSize(
      combineSets(combineSets(at.failed, at.raw, subtractRanges), at.invalid, subtractRanges),
    ),
    curated: facts.curated,
    lost,
    duplicated: duplicates.raw + duplicates.deadLetter + duplicates.onFailure + duplicates.crossed,
    duplicates,
    gaps: missing.gaps,
    duplicateSamples: facts.raw.duplicates,
    group: facts.group ? groupTotals(facts.group) : null,
    ok:
      lost === 0 && curatedDuplicates === 0 && curatedMissing(facts.curated) === 0 && incomplete.length === 0,
  };
}

/** `realty run` logs market day N of run R as `R-dN`; undefined for other run ids. */
function marketDayOf(runId: string): string | undefined {
  return /-d(\d+)$/.exec(runId)?.[1];
}

/** An interrupted day that a later run (same market day, started after it) completed: the work was redone. */
function redone(run: ReconcileFacts['runs'][number], runs: ReconcileFacts['runs']): boolean {
  const day = marketDayOf(run.runId);
  return (
    day !== undefined &&
    runs.some(
      (other) =>
        other.status === 'completed' && other.startedAt > run.startedAt && marketDayOf(other.runId) === day,
    )
  );
}

/** Rows of the runs' raw records that a curated table does not hold: not compacted yet, or lost from it. */
function curatedMissing(curated: CuratedCounts | null): number {
  return (curated?.history?.missing ?? 0) + (curated?.current?.missing ?? 0);
}

function place(facts: ReconcileFacts): Placement {
  const exact = facts.runs.length > 0 && facts.runs.every((r) => r.producedOffsets !== null);
  // With every run's offsets known, records of other runs (sharing the dead-letter prefix) are left out.
  const scope = exact ? offsetSetOf(facts.runs.flatMap((r) => r.producedOffsets ?? [])) : undefined;
  const within = (set: OffsetSet) => (scope ? combineSets(set, scope, intersectRanges) : set);
  const raw = within(offsetSetOf(facts.raw.written));
  const invalid = within(setOfRefs(facts.deadLetters));
  const failed = within(setOfRefs(facts.onFailure));
  return { scope, raw, invalid, failed, accounted: unionSets(unionSets(raw, invalid), failed) };
}

function duplicatesOf(facts: ReconcileFacts, at: Placement): Reconciliation['duplicates'] {
  const inScope = (refs: readonly RecordRef[]) =>
    at.scope ? refs.filter((r) => inSet(at.scope as OffsetSet, r)).length : refs.length;
  return {
    raw: Math.max(0, facts.raw.rows - setSize(offsetSetOf(facts.raw.written))),
    deadLetter: inScope(facts.deadLetters) - setSize(at.invalid),
    onFailure: inScope(facts.onFailure) - setSize(at.failed),
    crossed: setSize(at.raw) + setSize(at.invalid) + setSize(at.failed) - setSize(at.accounted),
  };
}

function deliveredOf(scope: OffsetSet | undefined, group: GroupPosition | null, approximate: number) {
  if (group === null) return null;
  return scope ? setSize(belowCommitted(scope, group)) : approximate;
}

function sum<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((total, item) => total + pick(item), 0);
}

function setOfRefs(refs: readonly RecordRef[]): OffsetSet {
  const byPartition = new Map<string, { topic: string; partition: number; offsets: number[] }>();
  for (const r of refs) {
    const key = partitionKey(r.topic, r.partition);
    const entry = byPartition.get(key) ?? { topic: r.topic, partition: r.partition, offsets: [] };
    entry.offsets.push(r.offset);
    byPartition.set(key, entry);
  }
  return offsetSetOf(
    [...byPartition.values()].map((e) => ({
      topic: e.topic,
      partition: e.partition,
      ranges: rangesOfOffsets(e.offsets),
    })),
  );
}

function inSet(set: OffsetSet, ref: RecordRef): boolean {
  const ranges = set.get(partitionKey(ref.topic, ref.partition))?.ranges ?? [];
  return ranges.some((range) => ref.offset >= range.first && ref.offset <= range.last);
}

/** Offsets of `set` the group has committed past: the consumer will not read them again. */
function belowCommitted(set: OffsetSet, group: GroupPosition): OffsetSet {
  const committed: PartitionRanges[] = group.committed
    .filter((c) => c.offset > 0)
    .map((c) => ({ topic: c.topic, partition: c.partition, ranges: [{ first: 0, last: c.offset - 1 }] }));
  return combineSets(set, offsetSetOf(committed), intersectRanges);
}

function splitMissing(
  missing: OffsetSet,
  group: GroupPosition | null,
): { lost: number; pending: number; gaps: Gap[] } {
  // Without the group's position nothing can be pending: whatever is missing is reported lost.
  const lostSet = group ? belowCommitted(missing, group) : missing;
  const pendingSet = combineSets(missing, lostSet, subtractRanges);
  const gaps = [...gapsOf('lost', lostSet), ...gapsOf('pending', pendingSet)];
  return { lost: setSize(lostSet), pending: setSize(pendingSet), gaps };
}

function approximateMissing(unaccounted: number, group: GroupPosition | null) {
  const missing = Math.max(0, unaccounted);
  const pending = group ? Math.min(missing, groupTotals(group).lag) : 0;
  return { lost: missing - pending, pending, gaps: [] as Gap[] };
}

function gapsOf(kind: Gap['kind'], set: OffsetSet): Gap[] {
  return sortedPartitions(set).flatMap(({ topic, partition, ranges }) =>
    ranges.map((range) => ({ kind, topic, partition, ...range, count: countOffsets([range]) })),
  );
}

function groupTotals(group: GroupPosition): { committed: number; end: number; lag: number } {
  const committedAt = new Map(group.committed.map((c) => [partitionKey(c.topic, c.partition), c.offset]));
  let committed = 0;
  let end = 0;
  for (const e of group.ends) {
    end += e.offset;
    committed += Math.min(e.offset, committedAt.get(partitionKey(e.topic, e.partition)) ?? 0);
  }
  return { committed, end, lag: end - committed };
}
