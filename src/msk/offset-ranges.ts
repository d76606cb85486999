/** A run of consecutive Kafka offsets, both ends included. */
export interface OffsetRange {
  first: number;
  last: number;
}

/** Offsets of one topic partition as sorted, disjoint, non-adjacent ranges. */
export interface PartitionRanges {
  topic: string;
  partition: number;
  ranges: OffsetRange[];
}

/** A set of records named by (topic, partition, offset), kept as ranges so a million offsets stay small. */
export type OffsetSet = Map<string, PartitionRanges>;

/** The map key of a topic partition: NUL cannot occur in a Kafka topic name. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Sorts and merges ranges so that none overlap or touch. */
export function normalizeRanges(ranges: readonly OffsetRange[]): OffsetRange[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first);
  const out: OffsetRange[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last !== undefined && range.first <= last.last + 1) last.last = Math.max(last.last, range.last);
    else out.push({ first: range.first, last: range.last });
  }
  return out;
}

/** Ranges covering exactly the given offsets (in any order, repeats allowed). */
export function rangesOfOffsets(offsets: readonly number[]): OffsetRange[] {
  return normalizeRanges(offsets.map((offset) => ({ first: offset, last: offset })));
}

/** How many offsets the ranges hold. */
export function countOffsets(ranges: readonly OffsetRange[]): number {
  return ranges.reduce((sum, range) => sum + range.last - range.first + 1, 0);
}

/** Offsets of `a` that are not in `b`; both normalized. */
export function subtractRanges(a: readonly OffsetRange[], b: readonly OffsetRange[]): OffsetRange[] {
  const out: OffsetRange[] = [];
  let j = 0;
  for (const range of a) {
    let start = range.first;
    while (j < b.length && (b[j] as OffsetRange).last < start) j += 1;
    for (let k = j; k < b.length && (b[k] as OffsetRange).first <= range.last; k += 1) {
      const cut = b[k] as OffsetRange;
      if (cut.first > start) out.push({ first: start, last: cut.first - 1 });
      start = Math.max(start, cut.last + 1);
    }
    if (start <= range.last) out.push({ first: start, last: range.last });
  }
  return out;
}

/** Offsets in both `a` and `b`; both normalized. */
export function intersectRanges(a: readonly OffsetRange[], b: readonly OffsetRange[]): OffsetRange[] {
  return subtractRanges(a, subtractRanges(a, b));
}

/** Adds one offset to a set. */
export function addOffset(set: OffsetSet, topic: string, partition: number, offset: number): void {
  addRanges(set, topic, partition, [{ first: offset, last: offset }]);
}

/** Adds ranges to a set. */
export function addRanges(
  set: OffsetSet,
  topic: string,
  partition: number,
  ranges: readonly OffsetRange[],
): void {
  const key = partitionKey(topic, partition);
  const entry = set.get(key);
  if (entry === undefined) set.set(key, { topic, partition, ranges: normalizeRanges(ranges) });
  else entry.ranges = normalizeRanges([...entry.ranges, ...ranges]);
}

/** A set built from partition ranges, merging repeats of a partition. */
export function offsetSetOf(partitions: readonly PartitionRanges[]): OffsetSet {
  const set: OffsetSet = new Map();
  for (const p of partitions) addRanges(set, p.topic, p.partition, p.ranges);
  return set;
}

/** Applies a range operation partition by partition; a partition missing from `b` counts as empty. */
export function combineSets(
  a: OffsetSet,
  b: OffsetSet,
  op: (x: readonly OffsetRange[], y: readonly OffsetRange[]) => OffsetRange[],
): OffsetSet {
  const out: OffsetSet = new Map();
  for (const [key, entry] of a) {
    const ranges = op(entry.ranges, b.get(key)?.ranges ?? []);
    if (ranges.length > 0) out.set(key, { topic: entry.topic, partition: entry.partition, ranges });
  }
  return out;
}

/** The union of two sets. */
export function unionSets(a: OffsetSet, b: OffsetSet): OffsetSet {
  return offsetSetOf([...a.values(), ...b.values()]);
}

/** How many offsets a set holds. */
export function setSize(set: OffsetSet): number {
  let size = 0;
  for (const entry of set.values()) size += countOffsets(entry.ranges);
  return size;
}

/** The set's partitions in (topic, partition) order. */
export function sortedPartitions(set: OffsetSet): PartitionRanges[] {
  return [...set.values()].sort((a, b) =>
    a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1,
  );
}
