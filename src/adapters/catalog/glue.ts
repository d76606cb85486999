import {
  CreateDatabaseCommand,
  CreateTableCommand,
  GetDatabaseCommand,
  GetTableCommand,
  type GlueClient,
  paginateGetTables,
  type Table,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import { CatalogError } from '../../errors.js';
import type { Catalog, TableDefinition } from '../../ports/catalog.js';
import { assertCatalogName, assertPartitionSpecs, assertTableDefinition } from './catalog-checks.js';
import { catalogErrorOf, glueErrorName } from './glue-errors.js';
import { createPartitions, listAllPartitions } from './glue-partitions.js';
import { fromGlueTable, isParquetTable, toTableInput } from './glue-table-input.js';

export interface GlueCatalogOptions {
  client: GlueClient;
  /** The bucket the tables' data lives in: locations are key prefixes in the port, s3:// URIs in Glue. */
  bucket: string;
}

const isNotFound = (error: unknown) => glueErrorName(error) === 'EntityNotFoundException';
const isAlreadyThere = (error: unknown) => glueErrorName(error) === 'AlreadyExistsException';

/** The Glue Data Catalog (or a Glue-API-compatible server) as the Catalog port. */
export function createGlueCatalog(options: GlueCatalogOptions): Catalog {
  const { client, bucket } = options;

  async function requireDatabase(database: string, cause?: unknown): Promise<void> {
    const found = await client.send(new GetDatabaseCommand({ Name: database })).then(
      () => true,
      (error: unknown) => {
        if (isNotFound(error)) return false;
        throw catalogErrorOf(error, `read database ${database}`);
      },
    );
    if (!found)
      throw new CatalogError(
        `database ${database} does not exist in the Glue Data Catalog; deploy the stack (it creates the database), or check REALTY_DATABASE (--database)`,
        {
          cause,
        },
      );
  }

  /** The Glue table, or undefined when the database exists but the table does not. */
  async function glueTable(database: string, name: string): Promise<Table | undefined> {
    assertCatalogName('database', database);
    assertCatalogName('table', name);
    try {
      return (await client.send(new GetTableCommand({ DatabaseName: database, Name: name }))).Table;
    } catch (error) {
      if (!isNotFound(error)) throw catalogErrorOf(error, `read table ${database}.${name}`);
      await requireDatabase(database, error);
      return undefined;
    }
  }

  async function requireTable(database: string, name: string): Promise<TableDefinition> {
    const table = await glueTable(database, name);
    if (!table)
      throw new CatalogError(
        `table ${database}.${name} does not exist in the catalog; run \`realty run\` first (it creates the tables), or check REALTY_DATABASE (--database)`,
      );
    return fromGlueTable(table, bucket);
  }

  async function applyTable(table: TableDefinition, retried: boolean): Promise<void> {
    const ref = `${table.database}.${table.name}`;
    const existing = await glueTable(table.database, table.name);
    const input = toTableInput(table, bucket);
    if (!existing) {
      try {
        await client.send(new CreateTableCommand({ DatabaseName: table.database, TableInput: input }));
      } catch (error) {
        // Another writer created it between our read and our create: compare with theirs once.
        if (isAlreadyThere(error) && !retried) return applyTable(table, true);
        throw catalogErrorOf(error, `create table ${ref}`);
      }
      return;
    }
    const current = fromGlueTable(existing, bucket);
    if (JSON.stringify(current.partitionKeys) !== JSON.stringify(table.partitionKeys)) {
      throw new CatalogError(
        `table ${ref} is partitioned by (${current.partitionKeys.map((k) => k.name).join(', ')}), not (${table.partitionKeys.map((k) => k.name).join(', ')}); partition keys cannot change in place: create a new table`,
      );
    }
    if (JSON.stringify(current) === JSON.stringify(table)) return;
    await client
      .send(new UpdateTableCommand({ DatabaseName: table.database, TableInput: input }))
      .catch((error: unknown) => {
        throw catalogErrorOf(error, `update table ${ref}`);
      });
  }

  return {
    async ensureDatabase(name, description) {
      assertCatalogName('database', name);
      const input = { Name: name, ...(description === undefined ? {} : { Description: description }) };
      await client.send(new CreateDatabaseCommand({ DatabaseInput: input })).catch((error: unknown) => {
        if (!isAlreadyThere(error)) throw catalogErrorOf(error, `create database ${name}`);
      });
    },

    async ensureTable(table) {
      assertTableDefinition(table);
      await applyTable(normalised(table), false);
    },

    async getTable(database, name) {
      const table = await glueTable(database, name);
      return table ? fromGlueTable(table, bucket) : undefined;
    },

    async listTables(database) {
      assertCatalogName('database', database);
      const tables: Table[] = [];
      try {
        for await (const page of paginateGetTables({ client }, { DatabaseName: database })) {
          tables.push(...(page.TableList ?? []));
        }
      } catch (error) {
        if (isNotFound(error)) await requireDatabase(database, error);
        throw catalogErrorOf(error, `list the tables of ${database}`);
      }
      // Athena views live in the same database; the port lists the Parquet tables only.
      return tables
        .filter(isParquetTable)
        .map((t) => fromGlueTable(t, bucket))
        .sort((a, b) => (a.name < b.name ? -1 : 1));
    },

    async addPartitions(database, tableName, partitions) {
      const table = await requireTable(database, tableName);
      assertPartitionSpecs(`${database}.${tableName}`, table.partitionKeys.length, partitions);
      if (partitions.length === 0) return 0;
      return createPartitions(
        { client, bucket, database, table: tableName, columns: table.columns },
        partitions,
      );
    },

    async listPartitions(database, tableName) {
      await requireTable(database, tableName);
      return listAllPartitions({ client, bucket, database, table: tableName });
    },
  };
}

/** The definition with only the port's fields, so comparing it with what Glue gives back is exact. */
function normalised(table: TableDefinition): TableDefinition {
  const column = ({ name, type, comment }: TableDefinition['columns'][number]) =>
    comment === undefined ? { name, type } : { name, type, comment };
  const out: TableDefinition = {
    database: table.database,
    name: table.name,
    columns: table.columns.map(column),
    partitionKeys: table.partitionKeys.map(column),
    location: table.location,
    format: 'parquet',
  };
  if (table.description !== undefined) out.description = table.description;
  return out;
}
