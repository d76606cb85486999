import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/errors.js';
import type { ObjectStore, StoredObject } from '../../src/ports/object-store.js';

/** An adapter prepared for one test: an empty store (or an empty key space of a shared one) and its cleanup. */
export interface ObjectStoreUnderTest {
  store: ObjectStore;
  cleanup?: () => Promise<void>;
}

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

async function collect(items: AsyncIterable<StoredObject>): Promise<StoredObject[]> {
  const out: StoredObject[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  return (await collect(store.list(prefix))).map((o) => o.key);
}

/** A body of `size` bytes all equal to `fill`, so a torn read shows up as mixed bytes or a wrong length. */
function uniformBody(size: number, fill: number): Uint8Array {
  return new Uint8Array(size).fill(fill);
}

function isWholeBodyOf(got: Uint8Array | undefined, candidates: readonly Uint8Array[]): boolean {
  return got !== undefined && candidates.some((c) => Buffer.from(got).equals(Buffer.from(c)));
}

const BAD_KEYS: readonly [string, string][] = [
  ['a parent segment', 'raw/../../etc/passwd'],
  ['a leading parent segment', '../outside.parquet'],
  ['an absolute path', '/etc/passwd'],
  ['a backslash', 'raw\\listings\\x.parquet'],
  ['an empty segment', 'raw//x.parquet'],
  ['a trailing slash', 'raw/listings/'],
  ['a NUL byte', 'raw/x\0.parquet'],
  ['a dot segment', 'raw/./x.parquet'],
  ['nothing', ''],
];

/** The behaviour every ObjectStore adapter must have; run it once per adapter (local dir, S3 server). */
export function describeObjectStoreContract(
  name: string,
  factory: () => Promise<ObjectStoreUnderTest>,
): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let subject: ObjectStoreUnderTest;
    let store: ObjectStore;

    beforeEach(async () => {
      subject = await factory();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.cleanup?.();
    });

    it('gives back the exact bytes that were put', async () => {
      const body = Uint8Array.from({ length: 256 }, (_, i) => i);

      await store.put('raw/listings/dt=2026-11-20/state=CA/x.parquet', body, {
        contentType: 'application/vnd.apache.parquet',
      });
      const got = await store.get('raw/listings/dt=2026-11-20/state=CA/x.parquet');

      expect(got).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(got!).equals(Buffer.from(body))).toBe(true);
    });

    it('returns undefined for a key that was never put', async () => {
      await store.put('raw/a.parquet', bytes('a'));

      const got = await store.get('raw/b.parquet');
      const underPrefix = await store.get('raw');

      expect(got).toBeUndefined();
      expect(underPrefix).toBeUndefined();
    });

    it('replaces an object that is put again under the same key', async () => {
      await store.put('k/x', bytes('first version, longer'));

      await store.put('k/x', bytes('second'));

      expect(Buffer.from((await store.get('k/x'))!).toString()).toBe('second');
      expect(await listKeys(store, 'k/')).toEqual(['k/x']);
    });

    it('stores an empty object', async () => {
      await store.put('empty/x', new Uint8Array(0));

      const got = await store.get('empty/x');
      const [listed] = await collect(store.list('empty/'));

      expect(got?.byteLength).toBe(0);
      expect(listed?.size).toBe(0);
    });

    it('lists every object under a prefix in key order, with its size and modification time', async () => {
      const keys = [
        'd/b/z',
        'd/a-b',
        'd/a/x',
        'd/ab',
        'd/a/y/deep',
        'e/outside',
        'd/é',
        'd/\u{1F600}',
        'd/\uFF5E',
      ];
      for (const key of keys) await store.put(key, bytes(key));
      const before = Date.now() - 60_000;

      const listed = await collect(store.list('d/'));

      // S3 order: UTF-8 bytes, so '-' (0x2d) < '/' (0x2f) < 'b', and U+FF5E (EF BD 9E) < U+1F600 (F0 9F 98 80).
      expect(listed.map((o) => o.key)).toEqual([
        'd/a-b',
        'd/a/x',
        'd/a/y/deep',
        'd/ab',
        'd/b/z',
        'd/é',
        'd/\uFF5E',
        'd/\u{1F600}',
      ]);
      for (const o of listed) {
        expect(o.size).toBe(Buffer.byteLength(o.key));
        expect(o.lastModified).toBeGreaterThan(before);
      }
    });

    it('lists by a prefix that ends inside a segment', async () => {
      for (const key of ['p/dt=2026-11-19/x', 'p/dt=2026-11-20/x', 'p/dt=2026-12-01/x']) {
        await store.put(key, bytes(key));
      }

      const keys = await listKeys(store, 'p/dt=2026-11');

      expect(keys).toEqual(['p/dt=2026-11-19/x', 'p/dt=2026-11-20/x']);
    });

    it('lists every object for the empty prefix and nothing for a prefix with no objects', async () => {
      await store.put('one/x', bytes('1'));
      await store.put('two/y', bytes('2'));

      const all = await listKeys(store, '');
      const none = await listKeys(store, 'three/');

      expect(all).toEqual(['one/x', 'two/y']);
      expect(none).toEqual([]);
    });

    it('deletes the given objects, leaves the others, and ignores keys that are not there', async () => {
      for (const key of ['del/a', 'del/b/c', 'del/d']) await store.put(key, bytes(key));

      await store.delete(['del/a', 'del/b/c', 'del/missing']);

      expect(await listKeys(store, 'del/')).toEqual(['del/d']);
      expect(await store.get('del/a')).toBeUndefined();
    });

    it('can put a key again after it was deleted', async () => {
      await store.put('again/x/y', bytes('1'));
      await store.delete(['again/x/y']);

      await store.put('again/x/y', bytes('2'));

      expect(Buffer.from((await store.get('again/x/y'))!).toString()).toBe('2');
    });

    it('ends concurrent puts of one key with exactly one whole object', async () => {
      const bodies = [1, 2, 3, 4, 5, 6].map((n) => uniformBody(64 * 1024 + n * 997, n));

      await Promise.all(bodies.map((body) => store.put('race/x.parquet', body)));
      const got = await store.get('race/x.parquet');

      expect(isWholeBodyOf(got, bodies)).toBe(true);
      expect(await listKeys(store, 'race/')).toEqual(['race/x.parquet']);
    });

    it('never lets a reader see part of an object while it is being replaced', async () => {
      const bodies = [uniformBody(512 * 1024, 1), uniformBody(256 * 1024 + 7, 2)];
      await store.put('torn/x', bodies[0]!);

      const writes = Promise.all([1, 0, 1, 0, 1, 0].map((i) => store.put('torn/x', bodies[i]!)));
      const reads = Promise.all(Array.from({ length: 30 }, () => store.get('torn/x')));
      const [, seen] = await Promise.all([writes, reads]);

      expect(seen.every((got) => isWholeBodyOf(got, bodies))).toBe(true);
    });

    it.each(BAD_KEYS)('rejects a key with %s with a StoreError, on every operation', async (_what, key) => {
      const attempts = [
        () => store.put(key, bytes('x')),
        () => store.get(key),
        () => store.delete([key]),
        async () => store.uri(key),
      ];

      for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(StoreError);
    });

    it('rejects a list prefix that is not a clean key prefix with a StoreError', async () => {
      for (const prefix of ['../', '/abs/', 'a//b', 'a\\b', 'a/../b', 'x\0']) {
        await expect(collect(store.list(prefix))).rejects.toBeInstanceOf(StoreError);
      }
    });

    it('rejects a whole delete when one of its keys is bad, deleting nothing', async () => {
      await store.put('keep/x', bytes('x'));

      await expect(store.delete(['keep/x', '../escape'])).rejects.toBeInstanceOf(StoreError);

      expect(await store.get('keep/x')).toBeDefined();
    });

    it('gives a URI that ends with the key, for engines to read the object at', () => {
      const uri = store.uri('raw/listings/dt=2026-11-20/state=CA/x.parquet');

      expect(uri.endsWith('/raw/listings/dt=2026-11-20/state=CA/x.parquet')).toBe(true);
    });
  });
}
