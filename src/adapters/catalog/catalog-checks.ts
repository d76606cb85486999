import { CatalogError } from '../../errors.js';
import type { CatalogColumn, PartitionSpec, TableDefinition } from '../../ports/catalog.js';

// Lower-case identifiers: Glue lower-cases names on write and Athena/Hive fold unquoted names, so only
// these round-trip unchanged; 255 is Glue's name limit.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const MAX_NAME_LENGTH = 255;
const COLUMN_TYPES = new Set(['string', 'int32', 'int64', 'double', 'boolean', 'timestamp', 'date']);
const CONTROL_CHARACTER = /\p{Cc}/u;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Throws CatalogError unless `name` is a catalog identifier matching ^[a-z_][a-z0-9_]*$. */
export function assertCatalogName(
  kind: 'database' | 'table' | 'column',
  name: unknown,
): asserts name is string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new CatalogError(
      `${kind} name ${shown(name)} is not a valid identifier; use 1 to ${MAX_NAME_LENGTH} characters matching ^[a-z_][a-z0-9_]*$, e.g. "listings_raw"`,
    );
  }
}

function assertColumns(table: string, columns: readonly CatalogColumn[], what: string): void {
  for (const column of columns) {
    assertCatalogName('column', column.name);
    if (!COLUMN_TYPES.has(column.type)) {
      throw new CatalogError(
        `${what} ${column.name} of table ${table} has type ${shown(column.type)}; use one of ${[...COLUMN_TYPES].join(', ')}`,
      );
    }
  }
}

function assertUniqueNames(table: string, columns: readonly CatalogColumn[]): void {
  const seen = new Set<string>();
  for (const { name } of columns) {
    if (seen.has(name)) {
      throw new CatalogError(
        `table ${table} names column ${name} twice (columns and partition keys share one namespace in Hive); rename one of them`,
      );
    }
    seen.add(name);
  }
}

/** Throws CatalogError unless the definition has valid names, known types, unique columns and a location. */
export function assertTableDefinition(table: TableDefinition): void {
  assertCatalogName('database', table.database);
  assertCatalogName('table', table.name);
  const ref = `${table.database}.${table.name}`;
  if (table.columns.length === 0) throw new CatalogError(`table ${ref} has no columns; give it at least one`);
  assertColumns(ref, table.columns, 'column');
  assertColumns(ref, table.partitionKeys, 'partition key');
  assertUniqueNames(ref, [...table.columns, ...table.partitionKeys]);
  if (table.format !== 'parquet') {
    throw new CatalogError(
      `table ${ref} has format ${shown(table.format)}; only parquet tables are supported`,
    );
  }
  if (typeof table.location !== 'string' || table.location === '' || CONTROL_CHARACTER.test(table.location)) {
    throw new CatalogError(
      `table ${ref} has location ${shown(table.location)}; give the key prefix of its data`,
    );
  }
}

/** Throws CatalogError unless every partition has one non-empty value per partition key and a location. */
export function assertPartitionSpecs(
  ref: string,
  keyCount: number,
  partitions: readonly PartitionSpec[],
): void {
  for (const { values, location } of partitions) {
    if (!Array.isArray(values) || values.length !== keyCount) {
      throw new CatalogError(
        `partition ${shown(JSON.stringify(values))} of ${ref} has ${Array.isArray(values) ? values.length : 'no'} values; the table has ${keyCount} partition keys, give one value for each, in order`,
      );
    }
    for (const value of values) {
      if (typeof value !== 'string' || value === '' || CONTROL_CHARACTER.test(value)) {
        throw new CatalogError(`partition value ${shown(value)} of ${ref} is empty or not printable text`);
      }
    }
    if (typeof location !== 'string' || location === '' || CONTROL_CHARACTER.test(location)) {
      throw new CatalogError(
        `partition ${values.join('/')} of ${ref} has location ${shown(location)}; give its key prefix`,
      );
    }
  }
}
