import { assertKeyPrefix, assertObjectKey } from '../../src/adapters/object-store/object-key.js';
import type { ObjectStore, StoredObject } from '../../src/ports/object-store.js';

/**
 * A bucket in a Map, for tests that only need to see what was written. It keeps the ObjectStore contract
 * (test/contract/object-store-contract.ts, run on it by test/unit/helpers/in-memory-object-store.test.ts):
 * the same key rules and the same UTF-8 byte order of listings as S3 and the local directory.
 */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();
  readonly #modified = new Map<string, number>();

  async put(key: string, body: Uint8Array): Promise<void> {
    assertObjectKey(key);
    this.objects.set(key, body.slice());
    this.#modified.set(key, Date.now());
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    assertObjectKey(key);
    return this.objects.get(key)?.slice();
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertKeyPrefix(prefix);
    const keys = [...this.objects.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const key of keys) {
      yield {
        key,
        size: this.objects.get(key)?.byteLength ?? 0,
        lastModified: this.#modified.get(key) ?? 0,
      };
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) assertObjectKey(key);
    for (const key of keys) {
      this.objects.delete(key);
      this.#modified.delete(key);
    }
  }

  uri(key: string): string {
    assertObjectKey(key);
    return `memory://${key}`;
  }

  /** Every object under `prefix`, parsed as JSON, in key order. */
  json<T = unknown>(prefix: string): T[] {
    return [...this.objects.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, body]) => JSON.parse(new TextDecoder().decode(body)) as T);
  }
}
