import { open } from 'node:fs/promises';
import { FrameCursor } from './frame-cursor.js';
import type { SparseIndex } from './sparse-index.js';

const SCAN_CHUNK_BYTES = 1024 * 1024;

/** Where a scan stopped before the end of the file, and whether a crash mid-write explains it. */
export interface ScanDamage {
  position: number;
  reason: string;
  /** A write cut short at the tail (or a zero-filled tail): safe to truncate at `position`. */
  tornTail: boolean;
}

export interface ScanResult {
  /** Bytes of whole, checked frames from the start of the file. */
  validBytes: number;
  /** The offset the next frame should carry. */
  nextOffset: number;
  damage: ScanDamage | undefined;
}

/**
 * Checks the frames of a segment from `position` (where `expectedOffset` should start) to the end of
 * the file, feeding `index`; frame offsets must count up by one. Reads the file in chunks.
 */
export async function scanSegment(
  path: string,
  from: { position: number; expectedOffset: number },
  index: SparseIndex,
): Promise<ScanResult> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const cursor = new FrameCursor(file, from.position, size, SCAN_CHUNK_BYTES);
    let nextOffset = from.expectedOffset;
    for (let frame = await cursor.next(); frame !== undefined; frame = await cursor.next()) {
      const { check, position } = frame;
      if (check.kind !== 'ok') {
        const damage = await classify(
          cursor,
          check.kind,
          'frameBytes' in check ? position + check.frameBytes : 0,
          size,
        );
        return { validBytes: position, nextOffset, damage: { position, ...damage } };
      }
      if (check.offset !== nextOffset) {
        const reason = `frame carries offset ${check.offset} where offset ${nextOffset} was expected`;
        return { validBytes: position, nextOffset, damage: { position, reason, tornTail: false } };
      }
      index.observe(check.offset, position, check.frameBytes);
      nextOffset += 1;
    }
    return { validBytes: cursor.position, nextOffset, damage: undefined };
  } finally {
    await file.close();
  }
}

async function classify(
  cursor: FrameCursor,
  kind: 'short-header' | 'short-body' | 'bad-header' | 'bad-body',
  frameEnd: number,
  fileBytes: number,
): Promise<{ reason: string; tornTail: boolean }> {
  switch (kind) {
    case 'short-header':
    case 'short-body':
      return { reason: `the last frame is cut short (${kind})`, tornTail: true };
    case 'bad-body':
      // A last frame whose bytes did not all reach the disk; earlier frames were checked whole.
      return { reason: 'record checksum mismatch', tornTail: frameEnd === fileBytes };
    case 'bad-header':
      return { reason: 'frame header checksum mismatch', tornTail: await cursor.restIsZero() };
  }
}
