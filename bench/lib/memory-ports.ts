import type { Catalog, PartitionSpec, TableDefinition } from '../../src/ports/catalog.js';
import type { ObjectStore, StoredObject } from '../../src/ports/object-store.js';

/** A bucket that keeps only sizes: the transform benchmark measures CPU, not the disk. */
export interface CountingStore extends ObjectStore {
  readonly objects: number;
  readonly bytes: number;
}

/** An ObjectStore that counts what is put and keeps nothing (get answers undefined). */
export function createCountingStore(): CountingStore {
  let objects = 0;
  let bytes = 0;
  return {
    get objects() {
      return objects;
    },
    get bytes() {
      return bytes;
    },
    put: async (_key, body) => {
      objects += 1;
      bytes += body.byteLength;
    },
    get: async () => undefined,
    list: async function* (): AsyncIterable<StoredObject> {},
    delete: async () => {},
    uri: (key) => `memory://${key}`,
  };
}

/** A catalog in a Map, with the partition bookkeeping the transform relies on (new ones counted once). */
export function createMemoryCatalog(): Catalog {
  const tables = new Map<string, TableDefinition>();
  const partitions = new Map<string, Map<string, PartitionSpec>>();
  const id = (database: string, name: string) => `${database}.${name}`;
  return {
    ensureDatabase: async () => {},
    ensureTable: async (table) => {
      tables.set(id(table.database, table.name), table);
    },
    getTable: async (database, name) => tables.get(id(database, name)),
    listTables: async (database) => [...tables.values()].filter((t) => t.database === database),
    addPartitions: async (database, table, specs) => {
      const known = partitions.get(id(database, table)) ?? new Map<string, PartitionSpec>();
      partitions.set(id(database, table), known);
      let added = 0;
      for (const spec of specs) {
        const key = spec.values.join('/');
        if (!known.has(key)) added += 1;
        known.set(key, spec);
      }
      return added;
    },
    listPartitions: async (database, table) => [...(partitions.get(id(database, table))?.values() ?? [])],
  };
}
