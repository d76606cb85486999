import { InputError } from '../errors.js';

const SEED = 0x9747b28c;
// Mixing constants of MurmurHash2, as in Kafka's org.apache.kafka.common.utils.Utils.murmur2.
const M = 0x5bd1e995;
const R = 24;
const MAX_PARTITIONS = 2 ** 31 - 1;

const utf8 = new TextEncoder();

/** Kafka's Utils.murmur2: the 32-bit MurmurHash2 of `bytes` as a signed int, bit for bit what Java returns. */
export function murmur2(bytes: Uint8Array): number {
  const length = bytes.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    // Little-endian 4-byte word; Math.imul is Java's wrapping int multiply.
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest === 3) h ^= bytes[whole + 2]! << 16;
  if (rest >= 2) h ^= bytes[whole + 1]! << 8;
  if (rest >= 1) h = Math.imul(h ^ bytes[whole]!, M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/**
 * The partition Kafka's default partitioner picks for a keyed record:
 * `toPositive(murmur2(keyBytes)) % numPartitions`, toPositive being `& 0x7fffffff`.
 * A string key is hashed as its UTF-8 bytes (Kafka's StringSerializer default).
 */
export function partitionFor(key: Uint8Array | string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_PARTITIONS) {
    throw new InputError(
      `partition count must be an integer from 1 to ${MAX_PARTITIONS}, got ${partitions}; pass the topic's partition count`,
    );
  }
  const bytes = typeof key === 'string' ? utf8.encode(key) : key;
  return (murmur2(bytes) & 0x7fffffff) % partitions;
}
