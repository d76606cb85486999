import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partRanges } from '../../../../src/adapters/object-store/s3-multipart.js';

describe('multipart part ranges', () => {
  it('cover the body exactly, in order, every part full size but the last', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 1_000, max: 1_000_000 }),
        (total, size) => {
          const ranges = partRanges(total, size);
          const contiguous = ranges.every(([start], i) => start === (i === 0 ? 0 : ranges[i - 1]![1]));
          const fullSized = ranges.slice(0, -1).every(([start, end]) => end - start === size);
          return (
            contiguous &&
            fullSized &&
            ranges.at(-1)![1] === total &&
            ranges.length === Math.ceil(total / size)
          );
        },
      ),
    );
  });

  it('makes three parts of 5 MiB, 5 MiB and the rest for 12 MiB', () => {
    const mib = 1024 * 1024;

    expect(partRanges(12 * mib, 5 * mib)).toEqual([
      [0, 5 * mib],
      [5 * mib, 10 * mib],
      [10 * mib, 12 * mib],
    ]);
  });
});
