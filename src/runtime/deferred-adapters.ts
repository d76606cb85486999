import type { Catalog } from '../ports/catalog.js';
import type { ObjectStore } from '../ports/object-store.js';

/**
 * An object store whose adapter module loads on its first call. The AWS SDK takes 0.3–2 s to load on this
 * machine kind, so a command that may never touch S3 (`realty query` on the local engine) must not pay it at
 * start-up; `uri` is answered without loading because it is pure naming.
 */
export function deferredStore(load: () => Promise<ObjectStore>, uri: (key: string) => string): ObjectStore {
  let loaded: Promise<ObjectStore> | undefined;
  const store = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    put: async (key, body, options) => (await store()).put(key, body, options),
    get: async (key) => (await store()).get(key),
    async *list(prefix) {
      yield* (await store()).list(prefix);
    },
    delete: async (keys) => (await store()).delete(keys),
    uri,
  };
}

/** A catalog whose adapter module loads on its first call (see deferredStore). */
export function deferredCatalog(load: () => Promise<Catalog>): Catalog {
  let loaded: Promise<Catalog> | undefined;
  const catalog = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    ensureDatabase: async (name, description) => (await catalog()).ensureDatabase(name, description),
    ensureTable: async (table) => (await catalog()).ensureTable(table),
    getTable: async (database, name) => (await catalog()).getTable(database, name),
    listTables: async (database) => (await catalog()).listTables(database),
    addPartitions: async (database, table, partitions) =>
      (await catalog()).addPartitions(database, table, partitions),
    listPartitions: async (database, table) => (await catalog()).listPartitions(database, table),
  };
}
