import { CatalogError } from '../../errors.js';
import type { TableDefinition } from '../../ports/catalog.js';
import { locationUri, TRINO_COLUMN_TYPE } from './trino-ddl.js';

/** What decides whether Trino's table still matches its definition: the columns in order, and where the data is. */
export interface TrinoTableShape {
  columns: { name: string; type: string; partitionKey: boolean; comment: string }[];
  location: string;
}

// SHOW CREATE TABLE's property, e.g. `external_location = 'local:///raw/listings/'`.
const EXTERNAL_LOCATION = /\bexternal_location = '((?:[^']|'')*)'/;

/** The shape a definition asks for. */
export function wantedShape(table: TableDefinition, root: string): TrinoTableShape {
  const column = (partitionKey: boolean) => (c: TableDefinition['columns'][number]) => ({
    name: c.name,
    type: TRINO_COLUMN_TYPE[c.type],
    partitionKey,
    comment: c.comment ?? '',
  });
  return {
    columns: [...table.columns.map(column(false)), ...table.partitionKeys.map(column(true))],
    location: locationUri(root, table.location),
  };
}

/** The shape Trino has, from `DESCRIBE` rows (Column, Type, Extra, Comment) and `SHOW CREATE TABLE` text. */
export function describedShape(
  ref: string,
  describeRows: readonly unknown[][],
  showCreate: string,
): TrinoTableShape {
  const columns = describeRows.map(([name, type, extra, comment]) => ({
    name: String(name),
    type: String(type),
    partitionKey: String(extra ?? '').includes('partition key'),
    comment: comment === null || comment === undefined ? '' : String(comment),
  }));
  const match = EXTERNAL_LOCATION.exec(showCreate);
  if (!match?.[1]) {
    throw new CatalogError(
      `Trino's ${ref} is not an external table (no external_location); drop it in Trino and sync again`,
    );
  }
  return { columns, location: match[1].replaceAll("''", "'") };
}

/** True when both shapes have the same columns (names, types, partition keys, comments) and location. */
export function sameShape(a: TrinoTableShape, b: TrinoTableShape): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
