import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SparseIndex } from './sparse-index.js';

/** One segment file of a partition: records `baseOffset` .. `nextOffset - 1` in `sizeBytes` checked bytes. */
export interface Segment {
  baseOffset: number;
  file: string;
  sizeBytes: number;
  nextOffset: number;
  index: SparseIndex;
}

const NAME = /^(\d{20})\.log$/;

/** Kafka's segment naming: the base offset, zero-padded to 20 digits, so names sort as offsets do. */
export function segmentFile(partitionDir: string, baseOffset: number): string {
  return path.join(partitionDir, `${String(baseOffset).padStart(20, '0')}.log`);
}

/** The segment files of a partition directory, by base offset; other files are ignored. */
export async function listSegmentFiles(
  partitionDir: string,
): Promise<{ baseOffset: number; file: string }[]> {
  const names = await readdir(partitionDir);
  return names
    .map((name) => NAME.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ baseOffset: Number(match[1]), file: path.join(partitionDir, match[0]) }))
    .sort((a, b) => a.baseOffset - b.baseOffset);
}

/** Index of the segment holding `offset` (the last one starting at or before it); 0 when none does. */
export function segmentIndexFor(segments: readonly Segment[], offset: number): number {
  let low = 0;
  let high = segments.length - 1;
  let found = 0;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (segments[mid]!.baseOffset <= offset) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}
