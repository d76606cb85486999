import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareCodePoints,
  encodeBounds,
  widerBound,
} from '../../../../src/adapters/parquet/column-statistics.js';

describe('compareCodePoints', () => {
  it('orders strings as their UTF-8 bytes compare, whatever the characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

        expect(Math.sign(compareCodePoints(a, b))).toBe(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('puts U+FF61 before an emoji, where JS < says the opposite', () => {
    expect(compareCodePoints('｡', '😀')).toBeLessThan(0);
    expect('｡' < '😀').toBe(false);
  });
});

describe('column bounds', () => {
  it('keeps the smaller and the larger of two page bounds, a missing one giving way', () => {
    expect(widerBound('min', 3, 2)).toBe(2);
    expect(widerBound('max', 'b', 'ab')).toBe('b');
    expect(widerBound('min', null, false)).toBe(false);
  });

  it('writes -0.0 as a zero minimum and +0.0 as a zero maximum, as the Parquet spec asks', () => {
    const bounds = encodeBounds('double', 0, -0);

    expect(Buffer.from(bounds!.min).readDoubleLE(0)).toBe(-0);
    expect(Object.is(Buffer.from(bounds!.max).readDoubleLE(0), 0)).toBe(true);
  });

  it('cuts a long string minimum between code points and drops the bounds of a long maximum', () => {
    // 63 ASCII bytes and a 2-byte é: the 64-byte cut falls inside é, so the minimum keeps the 63 bytes before it.
    const long = `${'a'.repeat(63)}é`;

    expect(Buffer.from(encodeBounds('string', long, 'b')!.min).toString('utf8')).toBe('a'.repeat(63));
    expect(encodeBounds('string', 'a', long)).toBeNull();
  });

  it('writes INT64 bounds as 8 little-endian bytes, negatives included', () => {
    const bounds = encodeBounds('int64', -5, 2 ** 40);

    expect(Buffer.from(bounds!.min).readBigInt64LE(0)).toBe(-5n);
    expect(Buffer.from(bounds!.max).readBigInt64LE(0)).toBe(2n ** 40n);
  });
});
