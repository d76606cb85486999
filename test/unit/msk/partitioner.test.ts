import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { murmur2, partitionFor } from '../../../src/msk/partitioner.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('murmur2', () => {
  // Vectors from Apache Kafka's clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java (testMurmur2).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j to the same signed 32-bit value as Kafka Utils.murmur2 (%i)', (text, expected) => {
    const bytes = utf8(text);

    const hash = murmur2(bytes);

    expect(hash).toBe(expected);
  });

  it('returns a signed 32-bit integer for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const hash = murmur2(bytes);

        expect(Number.isInteger(hash)).toBe(true);
        expect(hash).toBeGreaterThanOrEqual(-(2 ** 31));
        expect(hash).toBeLessThan(2 ** 31);
      }),
    );
  });
});

describe('partitionFor', () => {
  it('places a key where Kafka does: toPositive(murmur2(key)) % partitions', () => {
    // toPositive(-790332482) = -790332482 & 0x7fffffff = 1357151166; 1357151166 % 50 = 16.
    const partition = partitionFor('foobar', 50);

    expect(partition).toBe(16);
  });

  it('places the key "21" in partition 0 of 12, as 1173551340 % 12 = 0', () => {
    const partition = partitionFor('21', 12);

    expect(partition).toBe(0);
  });

  it('hashes a string key as its UTF-8 bytes, as Kafka StringSerializer does', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer({ min: 1, max: 500 }),
        (key, n) => {
          expect(partitionFor(key, n)).toBe(partitionFor(utf8(key), n));
        },
      ),
    );
  });

  it('always returns a partition in [0, partitions)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), fc.integer({ min: 1, max: 10_000 }), (key, n) => {
        const partition = partitionFor(key, n);

        expect(Number.isInteger(partition)).toBe(true);
        expect(partition).toBeGreaterThanOrEqual(0);
        expect(partition).toBeLessThan(n);
      }),
    );
  });

  it('is deterministic: the same key and count give the same partition', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 48 }), fc.integer({ min: 1, max: 64 }), (key, n) => {
        expect(partitionFor(Uint8Array.from(key), n)).toBe(partitionFor(key, n));
      }),
    );
  });

  it('places every key in partition 0 when the topic has one partition', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        expect(partitionFor(key, 1)).toBe(0);
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 31])('rejects a partition count of %s with an InputError', (n) => {
    const act = () => partitionFor('key', n);

    expect(act).toThrow(InputError);
    expect(act).toThrow(/partition count/);
  });
});
