import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countOffsets,
  intersectRanges,
  normalizeRanges,
  type OffsetRange,
  rangesOfOffsets,
  subtractRanges,
} from '../../../src/msk/offset-ranges.js';

const offsets = fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 120 });

function expand(ranges: readonly OffsetRange[]): number[] {
  return ranges.flatMap((r) => Array.from({ length: r.last - r.first + 1 }, (_, i) => r.first + i));
}

function model(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

describe('offset ranges', () => {
  it('holds exactly the offsets it was built from, as sorted ranges that neither overlap nor touch', () => {
    fc.assert(
      fc.property(offsets, (values) => {
        const ranges = rangesOfOffsets(values);

        expect(expand(ranges)).toEqual(model(values));
        expect(countOffsets(ranges)).toBe(model(values).length);
        for (let i = 1; i < ranges.length; i += 1) {
          expect(ranges[i]!.first).toBeGreaterThan(ranges[i - 1]!.last + 1);
        }
      }),
    );
  });

  it('subtracts and intersects as sets do', () => {
    fc.assert(
      fc.property(offsets, offsets, (a, b) => {
        const [ra, rb] = [rangesOfOffsets(a), rangesOfOffsets(b)];
        const inB = new Set(b);

        expect(expand(subtractRanges(ra, rb))).toEqual(model(a).filter((x) => !inB.has(x)));
        expect(expand(intersectRanges(ra, rb))).toEqual(model(a).filter((x) => inB.has(x)));
      }),
    );
  });

  it('merges overlapping and adjacent ranges given in any order', () => {
    const merged = normalizeRanges([
      { first: 10, last: 12 },
      { first: 0, last: 3 },
      { first: 4, last: 4 },
      { first: 11, last: 20 },
    ]);

    expect(merged).toEqual([
      { first: 0, last: 4 },
      { first: 10, last: 20 },
    ]);
  });
});
