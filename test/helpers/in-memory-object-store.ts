import type { ObjectStore, StoredObject } from '../../src/ports/object-store.js';

/** A bucket in a Map, for tests that only need to see what was written. */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Uint8Array>();

  async put(key: string, body: Uint8Array): Promise<void> {
    this.objects.set(key, body.slice());
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key)?.slice();
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    for (const key of keys) yield { key, size: this.objects.get(key)?.byteLength ?? 0, lastModified: 0 };
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.objects.delete(key);
  }

  uri(key: string): string {
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
