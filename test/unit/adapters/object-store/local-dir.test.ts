import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalDirStore } from '../../../../src/adapters/object-store/local-dir.js';
import { TEMP_MARKER } from '../../../../src/adapters/object-store/object-key.js';
import { StoreError } from '../../../../src/errors.js';
import type { ObjectStore, StoredObject } from '../../../../src/ports/object-store.js';
import { describeObjectStoreContract } from '../../../contract/object-store-contract.js';

async function tempRoot(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'realty-store-'));
}

async function keysOf(store: ObjectStore, prefix: string): Promise<string[]> {
  const out: StoredObject[] = [];
  for await (const item of store.list(prefix)) out.push(item);
  return out.map((o) => o.key);
}

describeObjectStoreContract('local directory', async () => {
  const root = await tempRoot();
  return { store: createLocalDirStore({ root }), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describe('createLocalDirStore', () => {
  let root: string;
  let store: ObjectStore;

  beforeEach(async () => {
    root = await tempRoot();
    store = createLocalDirStore({ root });
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lays each key out as the file at the same relative path under the root', async () => {
    const key = 'raw/listings/dt=2026-11-20/state=CA/x.parquet';

    await store.put(key, new TextEncoder().encode('PAR1'));

    expect(readFileSync(path.join(root, key), 'utf8')).toBe('PAR1');
  });

  it('gives the absolute file path as the URI', () => {
    const uri = store.uri('raw/listings/x.parquet');

    expect(uri).toBe(path.join(root, 'raw', 'listings', 'x.parquet'));
    expect(path.isAbsolute(uri)).toBe(true);
  });

  it('resolves a relative root against the working directory', () => {
    const relative = createLocalDirStore({ root: 'some/bucket' });

    expect(relative.uri('k')).toBe(path.resolve('some/bucket', 'k'));
  });

  it('leaves no temp file behind after a put', async () => {
    await store.put('a/b/c', new Uint8Array([1, 2, 3]));

    expect(readdirSync(path.join(root, 'a', 'b'))).toEqual(['c']);
  });

  it('skips temp files a crashed writer left behind when listing', async () => {
    await store.put('t/x', new Uint8Array([1]));
    writeFileSync(path.join(root, 't', `${TEMP_MARKER}999-crashed`), 'partial');

    const keys = await keysOf(store, '');

    expect(keys).toEqual(['t/x']);
  });

  it('rejects keys that use the reserved temp-file marker', async () => {
    await expect(store.put(`t/${TEMP_MARKER}x`, new Uint8Array([1]))).rejects.toBeInstanceOf(StoreError);
  });

  it('does not follow symbolic links out of the root when listing', async () => {
    const outside = await tempRoot();
    writeFileSync(path.join(outside, 'secret'), 'secret');
    mkdirSync(path.join(root, 'in'));
    symlinkSync(outside, path.join(root, 'in', 'link'));
    await store.put('in/real', new Uint8Array([1]));

    const keys = await keysOf(store, '');

    expect(keys).toEqual(['in/real']);
    await rm(outside, { recursive: true, force: true });
  });

  it('refuses a key whose parent is already an object, saying they collide', async () => {
    await store.put('a/b', new Uint8Array([1]));

    const error = await store.put('a/b/c', new Uint8Array([2])).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/collides/);
  });

  it('removes directories a delete left empty, but never the root', async () => {
    await store.put('x/y/z/only', new Uint8Array([1]));
    await store.put('x/keep', new Uint8Array([1]));

    await store.delete(['x/y/z/only', 'x/keep']);

    expect(existsSync(path.join(root, 'x'))).toBe(false);
    expect(existsSync(root)).toBe(true);
  });

  it('lists nothing when the root does not exist yet', async () => {
    const fresh = createLocalDirStore({ root: path.join(root, 'not-yet') });

    const keys = await keysOf(fresh, '');

    expect(keys).toEqual([]);
  });

  it('rejects an empty root with a StoreError saying what to set', () => {
    expect(() => createLocalDirStore({ root: '  ' })).toThrow(/root is empty/);
  });
});
