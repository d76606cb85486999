import {
  DuckDBArrayValue,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  type DuckDBResultReader,
  DuckDBStructValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { QueryResult } from '../../ports/query-engine.js';

// ECMAScript's Date range: instants outside it (DuckDB's ±infinity too) keep DuckDB's own text.
const MAX_EPOCH_MS = 8_640_000_000_000_000n;

/** A read result as the port's QueryResult: DuckDB type names, plain JS values. */
export function toQueryResult(reader: DuckDBResultReader): QueryResult {
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = names.map((name, index) => ({ name, type: String(types[index]) }));
  const rows = reader.getRows().map((row) => row.map(toPlainValue));
  return { columns, rows };
}

/**
 * One DuckDB value as a plain JS value: 64/128-bit integers as number when safe (else bigint),
 * DECIMAL as number, timestamps as ISO-8601 strings (with Z when zoned), DATE as 'YYYY-MM-DD'.
 */
export function toPlainValue(value: DuckDBValue): unknown {
  if (value === null || typeof value !== 'object')
    return typeof value === 'bigint' ? plainInteger(value) : value;
  if (value instanceof DuckDBTimestampTZValue) return isoFromMicros(value.micros, true) ?? value.toString();
  if (value instanceof DuckDBTimestampValue) return isoFromMicros(value.micros, false) ?? value.toString();
  if (value instanceof DuckDBTimestampMillisecondsValue) {
    return isoFromMicros(value.millis * 1000n, false) ?? value.toString();
  }
  if (value instanceof DuckDBTimestampSecondsValue) {
    return isoFromMicros(value.seconds * 1_000_000n, false) ?? value.toString();
  }
  if (value instanceof DuckDBTimestampNanosecondsValue) return isoFromNanos(value.nanos) ?? value.toString();
  if (value instanceof DuckDBDateValue) return value.toString();
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBListValue || value instanceof DuckDBArrayValue)
    return value.items.map(toPlainValue);
  if (value instanceof DuckDBStructValue) {
    return Object.fromEntries(Object.entries(value.entries).map(([key, item]) => [key, toPlainValue(item)]));
  }
  if (value instanceof DuckDBMapValue) {
    return value.entries.map(({ key, value: item }) => ({
      key: toPlainValue(key),
      value: toPlainValue(item),
    }));
  }
  return value.toString();
}

function plainInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

/** '2024-02-15T04:07:56.123Z' (zoned) or '2024-02-15T04:07:56.123' (zone-less); 6 fraction digits when needed. */
function isoFromMicros(micros: bigint, zoned: boolean): string | undefined {
  // BigInt division truncates toward zero; floor it so instants before 1970 keep a positive fraction.
  let ms = micros / 1000n;
  let subMs = micros % 1000n;
  if (subMs < 0n) {
    ms -= 1n;
    subMs += 1000n;
  }
  if (ms > MAX_EPOCH_MS || ms < -MAX_EPOCH_MS) return undefined;
  const iso = new Date(Number(ms)).toISOString().slice(0, -1);
  const text = subMs === 0n ? iso : `${iso}${String(subMs).padStart(3, '0')}`;
  return zoned ? `${text}Z` : text;
}

function isoFromNanos(nanos: bigint): string | undefined {
  let micros = nanos / 1000n;
  let subMicros = nanos % 1000n;
  if (subMicros < 0n) {
    micros -= 1n;
    subMicros += 1000n;
  }
  const text = isoFromMicros(micros, false);
  if (text === undefined || subMicros === 0n) return text;
  const withMicros = text.includes('.') && text.length - text.indexOf('.') === 7 ? text : `${text}000`;
  return `${withMicros}${String(subMicros).padStart(3, '0')}`;
}
