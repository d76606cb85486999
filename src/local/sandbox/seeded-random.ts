/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of three integers (seed, index, salt): the same inputs always give the same value. */
export function hash3(a: number, b: number, c: number): number {
  let h = fmix32((a ^ 0x9e37_79b9) >>> 0);
  h = fmix32((h ^ Math.imul(b | 0, 0x27d4_eb2d)) >>> 0);
  return fmix32((h ^ Math.imul(c | 0, 0x1656_67b1)) >>> 0);
}

/** A uniform draw in [0, 1) from (seed, index, salt). */
export function unit3(a: number, b: number, c: number): number {
  return hash3(a, b, c) / 2 ** 32;
}

/** A seeded stream of uniform draws in [0, 1) (mulberry32): for the many static traits of one listing. */
export class Rng {
  private state: number;

  constructor(seed32: number) {
    this.state = seed32 >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b_79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** A stream for (seed32); a class rather than closures, because a market builds one per listing. */
export function createRng(seed32: number): Rng {
  return new Rng(seed32);
}
