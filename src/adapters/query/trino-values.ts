import { QueryError } from '../../errors.js';
import type { QueryColumn } from '../../ports/query-engine.js';
import type { TrinoColumn, TrinoTypeSignature } from './trino-protocol.js';
import { isoFromTrinoTimestamp } from './trino-timestamp.js';

const SMALL_INTEGERS = new Set(['integer', 'smallint', 'tinyint']);
const FLOATS = new Set(['double', 'real']);
// Trino writes these doubles as JSON strings.
const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** The port's columns of a Trino result: names, and Trino's type names upper-cased as the Athena adapter does. */
export function toQueryColumns(columns: readonly TrinoColumn[]): QueryColumn[] {
  return columns.map((column) => ({ name: column.name, type: column.type.toUpperCase() }));
}

/** The rows of one result page as plain JS values, in column order. */
export function toRows(data: readonly unknown[][], columns: readonly TrinoColumn[]): unknown[][] {
  return data.map((row) => columns.map((column, i) => toPlainValue(column.typeSignature, row[i] ?? null)));
}

/**
 * One value of Trino's JSON encoding as the DuckDB adapter gives it: BIGINT as number when safe (else bigint),
 * DECIMAL and floats as number, timestamps as ISO-8601 strings (zoned ones in UTC with Z), DATE as
 * 'YYYY-MM-DD', ARRAY as an array, MAP as `{ key, value }` entries (in no defined order), ROW as an object of its fields.
 * Other types (varchar, char, time, interval, uuid, json, varbinary as base64) keep Trino's text.
 */
export function toPlainValue(signature: TrinoTypeSignature, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = signature.rawType;
  if (type === 'bigint') return exactInteger(value);
  if (SMALL_INTEGERS.has(type)) return Number(value);
  if (FLOATS.has(type))
    return typeof value === 'string' ? (SPECIAL_FLOATS[value] ?? Number(value)) : Number(value);
  if (type === 'decimal') return Number(value);
  if (type === 'timestamp' || type === 'timestamp with time zone') {
    return typeof value === 'string' ? isoFromTrinoTimestamp(value, type !== 'timestamp') : value;
  }
  if (type === 'array' && Array.isArray(value)) {
    const item = nestedType(signature, 0);
    return value.map((element) => toPlainValue(item, element));
  }
  if (type === 'map' && isRecord(value)) return mapEntries(signature, value);
  if (type === 'row' && Array.isArray(value)) return rowObject(signature, value);
  return value;
}

function exactInteger(value: unknown): number | bigint {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    // Only a runtime without JSON.parse source text (Node < 21) gets here: the value was already rounded.
    throw new QueryError(
      `Trino returned the BIGINT ${value}, beyond 2^53, and this Node.js rounded it while parsing; run on Node.js 22 or later`,
    );
  }
  const integer = typeof value === 'bigint' ? value : BigInt(value as number | string);
  return integer >= BigInt(Number.MIN_SAFE_INTEGER) && integer <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(integer)
    : integer;
}

function nestedType(signature: TrinoTypeSignature, index: number): TrinoTypeSignature {
  const argument = signature.arguments[index];
  if (argument?.kind === 'TYPE') return argument.value;
  if (argument?.kind === 'NAMED_TYPE') return argument.value.typeSignature;
  throw new QueryError(
    `Trino described a ${signature.rawType} column without its element type at argument ${index}`,
  );
}

// JSON object keys are always text: turn them back into the key type's JSON form first.
function mapEntries(signature: TrinoTypeSignature, value: Record<string, unknown>) {
  const keyType = nestedType(signature, 0);
  const valueType = nestedType(signature, 1);
  return Object.entries(value).map(([key, item]) => ({
    key: toPlainValue(keyType, keyFromText(keyType, key)),
    value: toPlainValue(valueType, item),
  }));
}

function keyFromText(keyType: TrinoTypeSignature, key: string): unknown {
  if (keyType.rawType === 'bigint') return BigInt(key);
  if (keyType.rawType === 'boolean') return key === 'true';
  return key;
}

function rowObject(signature: TrinoTypeSignature, value: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  signature.arguments.forEach((argument, i) => {
    const name =
      argument.kind === 'NAMED_TYPE' ? (argument.value.fieldName?.name ?? `field${i}`) : `field${i}`;
    row[name] = toPlainValue(nestedType(signature, i), value[i] ?? null);
  });
  return row;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
