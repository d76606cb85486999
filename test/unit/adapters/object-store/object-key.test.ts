import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertKeyPrefix,
  assertObjectKey,
  compareKeys,
} from '../../../../src/adapters/object-store/object-key.js';
import { StoreError } from '../../../../src/errors.js';

// Strings biased towards the characters that make paths escape: dots, slashes, backslashes, NUL.
const pathish = fc
  .array(fc.constantFrom('.', '..', '/', '\\', '\0', 'a', 'é', '~', ' ', '\u{1F600}', '\uD800'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));
const keyLike = fc.oneof(pathish, fc.string({ unit: 'binary', maxLength: 30 }));

describe('assertObjectKey', () => {
  it('accepts only keys that stay inside the root and map back to themselves', () => {
    const root = '/srv/bucket';
    fc.assert(
      fc.property(keyLike, (key) => {
        try {
          assertObjectKey(key);
        } catch (error) {
          expect(error).toBeInstanceOf(StoreError);
          return;
        }
        const file = path.posix.join(root, key);

        expect(file.startsWith(`${root}/`)).toBe(true);
        expect(path.posix.relative(root, file)).toBe(key);
      }),
    );
  });

  it('rejects a key longer than S3 allows (1024 UTF-8 bytes)', () => {
    expect(() => assertObjectKey(`a/${'é'.repeat(512)}`)).toThrow(/1024/);
  });

  it('says what was wrong and shows an example of a good key', () => {
    expect(() => assertObjectKey('raw/../x')).toThrow(/"\.\." segment.*raw\/listings/);
  });
});

describe('assertKeyPrefix', () => {
  it('accepts the empty prefix, a folder prefix and a prefix ending inside a segment', () => {
    for (const prefix of ['', 'raw/', 'raw/listings/dt=2026-11'])
      expect(() => assertKeyPrefix(prefix)).not.toThrow();
  });
});

/** Lexicographic order of two byte sequences, written out as the oracle. */
function byteOrder(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  }
  return a.length - b.length;
}

describe('compareKeys', () => {
  it('orders keys by their UTF-8 bytes, as S3 lists them, not by UTF-16 code units', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const expected = Math.sign(byteOrder(encoder.encode(a), encoder.encode(b)));

        expect(Math.sign(compareKeys(a, b))).toBe(expected);
      }),
    );
    expect('\uFF5E' < '\u{1F600}').toBe(false);
    expect(compareKeys('\uFF5E', '\u{1F600}')).toBeLessThan(0);
  });
});
