import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SparseIndex } from '../../../../src/adapters/event-bus/embedded-log/sparse-index.js';

/** Frames of the given sizes laid end to end from offset `base`: [offset, position, bytes]. */
function layout(base: number, sizes: number[]): [number, number, number][] {
  let position = 0;
  return sizes.map((bytes, i) => {
    const frame: [number, number, number] = [base + i, position, bytes];
    position += bytes;
    return frame;
  });
}

describe('SparseIndex', () => {
  it('starts a lookup at the nearest indexed frame at or before the offset, never after it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 30, max: 3000 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: 64, max: 8192 }),
        fc.nat(),
        (sizes, intervalBytes, pick) => {
          const frames = layout(100, sizes);
          const index = new SparseIndex(intervalBytes);
          for (const [offset, position, bytes] of frames) index.observe(offset, position, bytes);
          const [target, targetPosition] = frames[pick % frames.length]!;

          const start = index.lookup(target);

          expect(start).toBeLessThanOrEqual(targetPosition);
          // What a fetch scans past before reaching its offset is bounded by the interval plus one frame.
          expect(targetPosition - start).toBeLessThanOrEqual(intervalBytes + Math.max(...sizes));
          expect(frames.some(([, position]) => position === start)).toBe(true);
        },
      ),
    );
  });

  it('keeps about one entry per interval of bytes, not one per record', () => {
    const index = new SparseIndex(16_384);
    for (const [offset, position, bytes] of layout(0, Array<number>(10_000).fill(2_600))) {
      index.observe(offset, position, bytes);
    }

    const entries = index.size;

    // 26 MB of frames at one entry per 16 KiB and a bit: about 1,500 entries for 10,000 records.
    expect(entries).toBeGreaterThan(1_000);
    expect(entries).toBeLessThan(2_000);
  });

  it('answers position 0 for an offset before the first entry', () => {
    const index = new SparseIndex(1_000);

    expect(index.lookup(5)).toBe(0);
  });
});
