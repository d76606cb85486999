import path from 'node:path';
import { CatalogError } from '../../errors.js';
import type { Catalog, PartitionSpec, TableDefinition } from '../../ports/catalog.js';
import { assertCatalogName, assertPartitionSpecs, assertTableDefinition } from './catalog-checks.js';
import {
  type CatalogFileData,
  readCatalogFile,
  type StoredDatabase,
  type StoredTable,
} from './catalog-file.js';
import { createCommitQueue } from './commit-queue.js';
import type { FileLockOptions } from './file-lock.js';
import { toDefinition, toStoredTable } from './stored-table.js';

export interface LocalCatalogOptions {
  /** The catalog file, e.g. `.realty/catalog.json`; created on the first write. */
  path: string;
  lock?: FileLockOptions;
}

function requireDatabase(data: CatalogFileData, name: string): StoredDatabase {
  assertCatalogName('database', name);
  const database = data.Databases.find((d) => d.Name === name);
  if (!database) {
    throw new CatalogError(
      `database ${name} does not exist in the catalog; run \`realty run\` first (it creates the database and its tables), or check REALTY_DATABASE (--database)`,
    );
  }
  return database;
}

function requireTable(data: CatalogFileData, database: string, name: string): StoredTable {
  assertCatalogName('table', name);
  const table = requireDatabase(data, database).Tables.find((t) => t.Name === name);
  if (!table)
    throw new CatalogError(
      `table ${database}.${name} does not exist in the catalog; run \`realty run\` first (it creates the tables), or check REALTY_DATABASE (--database)`,
    );
  return table;
}

const partitionId = (values: readonly string[]): string => JSON.stringify(values);

function comparePartitions(a: PartitionSpec, b: PartitionSpec): number {
  for (let i = 0; i < a.values.length; i += 1) {
    const [x, y] = [a.values[i] ?? '', b.values[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Applies `table` to the catalog data; resolves whether anything changed. */
function applyTable(data: CatalogFileData, table: TableDefinition): boolean {
  const database = requireDatabase(data, table.database);
  const index = database.Tables.findIndex((t) => t.Name === table.name);
  const existing = database.Tables[index];
  if (!existing) {
    database.Tables.push(toStoredTable(table, []));
    return true;
  }
  const next = toStoredTable(table, existing.Partitions);
  // Compared through toDefinition so both sides have the same key order.
  const [before, after] = [toDefinition(existing), toDefinition(next)];
  if (JSON.stringify(before.partitionKeys) !== JSON.stringify(after.partitionKeys)) {
    throw new CatalogError(
      `table ${table.database}.${table.name} already exists with other partition keys; partition keys cannot change in place, create a new table (e.g. ${table.name}_v2) and backfill it`,
    );
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return false;
  database.Tables[index] = next;
  return true;
}

/** A Catalog kept in one JSON file shaped like Glue's API, safe for several processes writing at once. */
export function openLocalCatalog(options: LocalCatalogOptions): Catalog {
  if (typeof options.path !== 'string' || options.path.trim() === '') {
    throw new CatalogError(
      'local catalog path is empty; set it to the catalog file, e.g. .realty/catalog.json',
    );
  }
  const filePath = path.resolve(options.path);
  const read = () => readCatalogFile(filePath);
  const mutate = createCommitQueue(filePath, options.lock);

  return {
    async ensureDatabase(name, description) {
      assertCatalogName('database', name);
      await mutate((data) => {
        if (data.Databases.some((d) => d.Name === name)) return { result: undefined, changed: false };
        data.Databases.push({
          Name: name,
          ...(description === undefined ? {} : { Description: description }),
          Tables: [],
        });
        return { result: undefined, changed: true };
      });
    },

    async ensureTable(table) {
      assertTableDefinition(table);
      await mutate((data) => ({ result: undefined, changed: applyTable(data, table) }));
    },

    async getTable(database, name) {
      assertCatalogName('table', name);
      const table = requireDatabase(await read(), database).Tables.find((t) => t.Name === name);
      return table && toDefinition(table);
    },

    async listTables(database) {
      const tables = requireDatabase(await read(), database).Tables.map(toDefinition);
      return tables.sort((a, b) => (a.name < b.name ? -1 : 1));
    },

    addPartitions(database, tableName, partitions) {
      return mutate((data) => {
        const table = requireTable(data, database, tableName);
        assertPartitionSpecs(`${database}.${tableName}`, table.PartitionKeys.length, partitions);
        const known = new Set(table.Partitions.map((p) => partitionId(p.Values)));
        let added = 0;
        for (const { values, location } of partitions) {
          if (known.has(partitionId(values))) continue;
          known.add(partitionId(values));
          table.Partitions.push({ Values: [...values], StorageDescriptor: { Location: location } });
          added += 1;
        }
        return { result: added, changed: added > 0 };
      });
    },

    async listPartitions(database, tableName) {
      const table = requireTable(await read(), database, tableName);
      const specs = table.Partitions.map((p) => ({
        values: p.Values,
        location: p.StorageDescriptor.Location,
      }));
      return specs.sort(comparePartitions);
    },
  };
}
