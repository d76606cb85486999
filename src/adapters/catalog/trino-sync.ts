import { CatalogError } from '../../errors.js';
import type { Catalog, PartitionSpec, TableDefinition } from '../../ports/catalog.js';
import type { QueryEngine } from '../../ports/query-engine.js';
import { TrinoQueryError } from '../query/trino-errors.js';
import {
  checkedLocationRoot,
  createSchemaSql,
  createTableSql,
  createViewSql,
  hivePartitionPrefix,
  listPartitionsSql,
  qualifiedName,
  registerPartitionSql,
  syncPartitionsSql,
  type ViewDefinition,
} from './trino-ddl.js';
import { describedShape, sameShape, wantedShape } from './trino-table-shape.js';

export interface TrinoCatalogSyncOptions {
  /** A Trino engine (createTrinoQueryEngine): the DDL runs through it. */
  engine: QueryEngine;
  /** Where Trino finds the bucket's keys: 'local:///' for scripts/trino.sh, 's3://<bucket>/' for a Trino over S3. */
  locationRoot: string;
  /** Trino catalog of the Hive connector (default 'hive'). */
  catalog?: string;
}

export type TableSyncAction = 'created' | 'unchanged' | 'replaced';

export interface TrinoSyncSummary {
  tables: { name: string; action: TableSyncAction; partitionsAdded: number }[];
  views: string[];
}

/** Mirrors catalog tables, their partitions and the views into a Trino Hive catalog; every call is idempotent. */
export interface TrinoCatalogSync {
  /** Creates the schema (Glue/Hive database) when missing. */
  ensureSchema(database: string): Promise<void>;
  /** Creates the external table, or drops and re-creates it (data untouched, partitions to register again) when its columns or location changed. */
  ensureTable(table: TableDefinition): Promise<TableSyncAction>;
  /** Registers the partitions Trino does not know yet; resolves with how many were new. */
  addPartitions(table: TableDefinition, partitions: readonly PartitionSpec[]): Promise<number>;
  /** Creates or replaces a view from its SQL text; Trino's error (e.g. FUNCTION_NOT_FOUND) is in the message. */
  ensureView(view: ViewDefinition): Promise<void>;
  /** The whole database: schema, every table of the catalog with all its partitions, then the views in order. */
  syncFrom(catalog: Catalog, database: string, views?: readonly ViewDefinition[]): Promise<TrinoSyncSummary>;
}

/** A TrinoCatalogSync over one Trino engine. */
export function createTrinoCatalogSync(options: TrinoCatalogSyncOptions): TrinoCatalogSync {
  const { engine } = options;
  const trinoCatalog = options.catalog ?? 'hive';
  const root = checkedLocationRoot(options.locationRoot);

  async function run(sql: string, what: string): Promise<unknown[][]> {
    try {
      return (await engine.query(sql)).rows;
    } catch (error) {
      throw new CatalogError(`Trino could not ${what}: ${messageOf(error)}`, { cause: error });
    }
  }

  /** Trino's DESCRIBE rows of the table, or undefined when Trino has no such table. */
  async function describeTable(ref: string): Promise<unknown[][] | undefined> {
    try {
      return (await engine.query(`DESCRIBE ${ref}`)).rows;
    } catch (error) {
      if (error instanceof TrinoQueryError && error.errorName === 'TABLE_NOT_FOUND') return undefined;
      throw new CatalogError(`Trino could not describe ${ref}: ${messageOf(error)}`, { cause: error });
    }
  }

  async function knownPartitions(table: TableDefinition): Promise<Set<string>> {
    const rows = await run(listPartitionsSql(trinoCatalog, table), `list the partitions of ${table.name}`);
    return new Set(rows.map((values) => JSON.stringify(values.map(String))));
  }

  const sync: TrinoCatalogSync = {
    async ensureSchema(database) {
      await run(createSchemaSql(trinoCatalog, database), `create schema ${database}`);
    },

    async ensureTable(table) {
      const ref = qualifiedName(trinoCatalog, table.database, table.name);
      const create = createTableSql(trinoCatalog, table, root);
      const describe = await describeTable(ref);
      if (describe === undefined) {
        await run(create, `create table ${ref}`);
        return 'created';
      }
      // A view of that name fails here, with Trino's "is a view, not a table".
      const [[showCreate] = []] = await run(`SHOW CREATE TABLE ${ref}`, `show ${ref}`);
      if (sameShape(describedShape(ref, describe, String(showCreate)), wantedShape(table, root)))
        return 'unchanged';
      // An external table: DROP forgets the metadata and partitions, never the files.
      await run(`DROP TABLE IF EXISTS ${ref}`, `drop the outdated ${ref}`);
      await run(create, `re-create table ${ref}`);
      return 'replaced';
    },

    async addPartitions(table, partitions) {
      if (partitions.length === 0) return 0;
      if (table.partitionKeys.length === 0) {
        throw new CatalogError(
          `${table.database}.${table.name} has no partition keys; it takes no partitions`,
        );
      }
      const known = await knownPartitions(table);
      const missing = partitions.filter((p) => !known.has(JSON.stringify(p.values)));
      let left = missing;
      // One directory scan beats a procedure call per partition, when the partitions sit at their Hive paths.
      if (missing.length > 1 && missing.every((p) => p.location === hivePartitionPrefix(table, p.values))) {
        await run(syncPartitionsSql(trinoCatalog, table), `scan the partitions of ${table.name}`);
        const found = await knownPartitions(table);
        left = missing.filter((p) => !found.has(JSON.stringify(p.values)));
      }
      for (const partition of left) {
        await run(
          registerPartitionSql(trinoCatalog, table, partition, root),
          `register partition ${partition.location} of ${table.name}`,
        );
      }
      return missing.length;
    },

    async ensureView(view) {
      await run(createViewSql(trinoCatalog, view), `create view ${view.database}.${view.name}`);
    },

    async syncFrom(catalog, database, views = []) {
      await sync.ensureSchema(database);
      const summary: TrinoSyncSummary = { tables: [], views: [] };
      for (const table of await catalog.listTables(database)) {
        const action = await sync.ensureTable(table);
        const partitionsAdded = await sync.addPartitions(
          table,
          await catalog.listPartitions(database, table.name),
        );
        summary.tables.push({ name: table.name, action, partitionsAdded });
      }
      for (const view of views) {
        await sync.ensureView(view);
        summary.views.push(view.name);
      }
      return summary;
    },
  };
  return sync;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
