import { open } from 'node:fs/promises';
import { LogCorruptError } from '../../../errors.js';
import { decodeFrame, type FrameRecord } from './frame-codec.js';
import { FrameCursor } from './frame-cursor.js';
import { type Segment, segmentIndexFor } from './segment.js';

/** How much one read may return; `atLeastOne` lets a record larger than maxBytes through, as Kafka does. */
export interface ReadBudget {
  maxRecords: number;
  maxBytes: number;
  atLeastOne: boolean;
}

export interface ReadResult {
  records: FrameRecord[];
  /** Bytes of the returned frames on disk. */
  bytes: number;
}

const MIN_CHUNK_BYTES = 64 * 1024;
const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/** Reads records from offset `from` on, through as many segments as the budget allows. */
export async function readSegments(
  segments: readonly Segment[],
  from: number,
  budget: ReadBudget,
): Promise<ReadResult> {
  const result: ReadResult = { records: [], bytes: 0 };
  for (let i = segmentIndexFor(segments, from); i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.nextOffset <= from) continue;
    const full = await readSegment(segment, from, budget, result);
    if (full) break;
  }
  return result;
}

/** Adds the segment's records at or after `from` to `result`; true when the budget ran out. */
async function readSegment(
  segment: Segment,
  from: number,
  budget: ReadBudget,
  result: ReadResult,
): Promise<boolean> {
  const chunkBytes = Math.min(Math.max(budget.maxBytes, MIN_CHUNK_BYTES), MAX_CHUNK_BYTES);
  const file = await open(segment.file, 'r');
  try {
    const cursor = new FrameCursor(file, segment.index.lookup(from), segment.sizeBytes, chunkBytes);
    for (let frame = await cursor.next(); frame !== undefined; frame = await cursor.next()) {
      const { check } = frame;
      if (check.kind !== 'ok') {
        throw new LogCorruptError(
          `${segment.file} is corrupt at byte ${frame.position} (${check.kind}) although it was checked when opened: ` +
            'the file was changed behind the log; restore it or move the log directory aside',
        );
      }
      if (check.offset < from) continue;
      if (result.records.length >= budget.maxRecords) return true;
      const mayExceed = budget.atLeastOne && result.records.length === 0;
      if (result.bytes + check.frameBytes > budget.maxBytes && !mayExceed) return true;
      result.records.push(decodeFrame(frame.buffer, frame.at, `${segment.file} at byte ${frame.position}`));
      result.bytes += check.frameBytes;
    }
    return result.records.length >= budget.maxRecords;
  } finally {
    await file.close();
  }
}
