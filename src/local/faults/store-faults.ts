import { setTimeout as delay } from 'node:timers/promises';
import { StoreError } from '../../errors.js';
import type { ObjectStore } from '../../ports/object-store.js';

export interface StoreFaultOptions {
  /** Probability that one write fails: half of them before the object lands, half after. */
  failRate: number;
  /** Probability that one write is slowed by `slowMs`. */
  slowRate: number;
  slowMs: number;
  random: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface StoreFaultStats {
  writes: number;
  failedBefore: number;
  failedAfter: number;
  slowed: number;
}

/** An ObjectStore whose writes fail or crawl at the given rates, as S3 does under trouble; reads pass through. */
export type FaultyStore = ObjectStore & { stats(): StoreFaultStats };

/**
 * Wraps a store with write faults. A failure after the write is S3's lost acknowledgement: the object is
 * there, the writer is told it is not, and retries the same key. Atomicity is the inner store's: a failed
 * write never leaves part of an object.
 */
export function withStoreFaults(inner: ObjectStore, options: StoreFaultOptions): FaultyStore {
  const stats: StoreFaultStats = { writes: 0, failedBefore: 0, failedAfter: 0, slowed: 0 };
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const injected = (key: string, when: string) =>
    new StoreError(`injected write failure (${when} the object landed) on ${key}; the writer must retry it`);
  return {
    async put(key, body, putOptions) {
      stats.writes += 1;
      if (options.random() < options.failRate) {
        if (options.random() < 0.5) {
          stats.failedBefore += 1;
          throw injected(key, 'before');
        }
        await inner.put(key, body, putOptions);
        stats.failedAfter += 1;
        throw injected(key, 'after');
      }
      if (options.random() < options.slowRate) {
        stats.slowed += 1;
        await sleep(options.slowMs);
      }
      await inner.put(key, body, putOptions);
    },
    get: (key) => inner.get(key),
    list: (prefix) => inner.list(prefix),
    delete: (keys) => inner.delete(keys),
    uri: (key) => inner.uri(key),
    stats: () => ({ ...stats }),
  };
}
