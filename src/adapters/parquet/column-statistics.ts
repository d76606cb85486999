import type { ColumnType } from '../../domain/listing-record.js';

/**
 * Min/max bounds of a column chunk, in the order Parquet defines for each type, PLAIN-encoded as the footer's
 * Statistics.min_value/max_value want them.
 */

/** Longest string bound written; a longer max would have to be rounded up, so such a chunk gets no bounds. */
export const MAX_STRING_BOUND_BYTES = 64;

/**
 * Compares strings by Unicode code point, which is the unsigned byte order of their UTF-8 (Parquet's order for
 * UTF8/STRING). JS `<` compares UTF-16 code units, which puts U+E000..U+FFFF after the surrogate pairs of
 * U+10000 and above; shifting the two ranges past each other fixes that (ICU's "code point order" fix-up).
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

type Bound = string | number | boolean;

/** The smaller (end 'min') or larger (end 'max') of two bounds of one column; null is no bound yet. */
export function widerBound(end: 'min' | 'max', a: Bound | null, b: Bound | null): Bound | null {
  if (a === null) return b;
  if (b === null) return a;
  const order = typeof a === 'string' ? compareCodePoints(a, b as string) : a < b ? -1 : a > b ? 1 : 0;
  return (end === 'min' ? order <= 0 : order >= 0) ? a : b;
}

/** Statistics.min_value/max_value of a chunk: PLAIN bytes of its bounds, or null when it has none to give. */
export function encodeBounds(
  type: ColumnType,
  min: Bound | null,
  max: Bound | null,
): { min: Uint8Array; max: Uint8Array } | null {
  if (min === null || max === null) return null;
  switch (type) {
    case 'string':
      return stringBounds(min as string, max as string);
    case 'int32':
    case 'date':
      return { min: int32Bound(min as number), max: int32Bound(max as number) };
    case 'int64':
    case 'timestamp':
      return { min: int64Bound(min as number), max: int64Bound(max as number) };
    case 'double':
      return { min: doubleBound(min as number, 'min'), max: doubleBound(max as number, 'max') };
    case 'boolean':
      return { min: booleanBound(min as boolean), max: booleanBound(max as boolean) };
  }
}

/** UTF-8 bounds of a string chunk: min cut to a prefix (still a lower bound), none when max is too long. */
function stringBounds(min: string, max: string): { min: Uint8Array; max: Uint8Array } | null {
  const maxBytes = Buffer.from(max, 'utf8');
  if (maxBytes.length > MAX_STRING_BOUND_BYTES) return null;
  return { min: utf8Prefix(min, MAX_STRING_BOUND_BYTES), max: maxBytes };
}

/** The longest prefix of `text` whose UTF-8 fits in `limit` bytes, cut between code points. */
function utf8Prefix(text: string, limit: number): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return bytes;
  let end = limit;
  // 10xxxxxx is a continuation byte: back up to the first byte of that code point.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end);
}

/** 4-byte little-endian INT32 bound. */
function int32Bound(value: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeInt32LE(value, 0);
  return bytes;
}

/** 8-byte little-endian INT64 bound of a safe integer. */
function int64Bound(value: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(8);
  bytes.writeBigInt64LE(BigInt(value), 0);
  return bytes;
}

/**
 * 8-byte DOUBLE bound. The spec asks writers for -0.0 as a zero min and +0.0 as a zero max, so readers
 * that prune on `x = 0` or `x = -0` keep the chunk either way.
 */
function doubleBound(value: number, end: 'min' | 'max'): Uint8Array {
  const bytes = Buffer.allocUnsafe(8);
  bytes.writeDoubleLE(value === 0 ? (end === 'min' ? -0 : 0) : value, 0);
  return bytes;
}

/** 1-byte BOOLEAN bound (false < true). */
function booleanBound(value: boolean): Uint8Array {
  return Uint8Array.of(value ? 1 : 0);
}
