import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../../src/errors.js';
import { withStoreFaults } from '../../../../src/local/faults/store-faults.js';
import { InMemoryObjectStore } from '../../../helpers/in-memory-object-store.js';

const body = new TextEncoder().encode('whole object');

/** Draws from a fixed list, then 0.99 (no fault) forever. */
function draws(...values: number[]): () => number {
  return () => values.shift() ?? 0.99;
}

describe('withStoreFaults', () => {
  it('fails a write before the object lands, leaving nothing behind', async () => {
    const inner = new InMemoryObjectStore();
    const store = withStoreFaults(inner, { failRate: 0.5, slowRate: 0, slowMs: 0, random: draws(0.1, 0.2) });

    const act = store.put('raw/a.parquet', body);

    await expect(act).rejects.toThrow(StoreError);
    await expect(act).rejects.toThrow(/injected write failure.*raw\/a\.parquet/);
    expect(inner.objects.has('raw/a.parquet')).toBe(false);
    expect(store.stats()).toMatchObject({ failedBefore: 1, failedAfter: 0 });
  });

  it('fails a write after the whole object landed, as a lost acknowledgement does', async () => {
    const inner = new InMemoryObjectStore();
    const store = withStoreFaults(inner, { failRate: 0.5, slowRate: 0, slowMs: 0, random: draws(0.1, 0.8) });

    await expect(store.put('raw/a.parquet', body)).rejects.toThrow(StoreError);

    expect(inner.objects.get('raw/a.parquet')).toEqual(body);
    expect(store.stats()).toMatchObject({ failedBefore: 0, failedAfter: 1 });
  });

  it('delays a slow write and then writes the whole object', async () => {
    const inner = new InMemoryObjectStore();
    const slept: number[] = [];
    const store = withStoreFaults(inner, {
      failRate: 0,
      slowRate: 0.5,
      slowMs: 750,
      random: draws(0.99, 0.1),
      sleep: async (ms) => {
        slept.push(ms);
      },
    });

    await store.put('raw/a.parquet', body);

    expect(slept).toEqual([750]);
    expect(inner.objects.get('raw/a.parquet')).toEqual(body);
    expect(store.stats()).toMatchObject({ slowed: 1, writes: 1 });
  });

  it('passes reads, listings and deletes through untouched', async () => {
    const inner = new InMemoryObjectStore();
    await inner.put('raw/a.parquet', body);
    const store = withStoreFaults(inner, { failRate: 1, slowRate: 0, slowMs: 0, random: () => 0 });

    const listed = [];
    for await (const object of store.list('raw/')) listed.push(object.key);
    const read = await store.get('raw/a.parquet');
    await store.delete(['raw/a.parquet']);

    expect(listed).toEqual(['raw/a.parquet']);
    expect(read).toEqual(body);
    expect(inner.objects.size).toBe(0);
    expect(store.uri('k')).toBe('memory://k');
  });
});
