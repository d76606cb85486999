import type { ColumnInfo, Row } from '@aws-sdk/client-athena';
import type { QueryColumn } from '../../ports/query-engine.js';

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'integer', 'int']);
const FLOAT_TYPES = new Set(['real', 'float', 'double']);
// Athena (Trino) writes timestamps as 'YYYY-MM-DD HH:MM:SS.fff' and zoned ones with ' UTC' (or a zone name).
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?: (UTC|Z|[+-]\d{2}:\d{2}))?$/;

/** The port's columns of an Athena result: names, and Athena's type names upper-cased as DuckDB reports them. */
export function toQueryColumns(info: readonly ColumnInfo[]): QueryColumn[] {
  return info.map((column) => ({
    name: column.Name ?? column.Label ?? '',
    type: (column.Type ?? 'varchar').toUpperCase(),
  }));
}

/**
 * One Athena cell (always text, or absent for NULL) as a plain JS value of its column's type: integers as
 * number (bigint beyond 2^53), decimals and floats as number, booleans, timestamps as ISO-8601 strings.
 */
export function toPlainValue(type: string, text: string | undefined): unknown {
  if (text === undefined) return null;
  const base = type.toLowerCase().replace(/\(.*$/, '').trim();
  if (base === 'bigint') return plainInteger(text);
  if (INTEGER_TYPES.has(base)) return Number(text);
  if (FLOAT_TYPES.has(base)) return floatOf(text);
  if (base === 'decimal') return Number(text);
  if (base === 'boolean') return text === 'true';
  if (base === 'timestamp' || base === 'timestamp with time zone') return isoTimestamp(text) ?? text;
  return text;
}

/** The data rows of a result page as typed arrays, in column order. */
export function toRows(rows: readonly Row[], columns: readonly QueryColumn[]): unknown[][] {
  return rows.map((row) =>
    columns.map((column, i) => toPlainValue(column.type, row.Data?.[i]?.VarCharValue)),
  );
}

function plainInteger(text: string): number | bigint {
  const value = BigInt(text);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

function floatOf(text: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === 'Infinity') return Number.POSITIVE_INFINITY;
  if (text === '-Infinity') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** '2024-02-15 04:07:56.120' → '2024-02-15T04:07:56.120'; zoned in UTC → '...Z'; other zones keep their offset. */
function isoTimestamp(text: string): string | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const [, date, time, zone] = match;
  if (zone === undefined) return `${date}T${time}`;
  return `${date}T${time}${zone === 'UTC' || zone === 'Z' ? 'Z' : zone}`;
}
