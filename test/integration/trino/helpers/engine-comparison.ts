import { expect } from 'vitest';
import type { QueryResult } from '../../../../src/ports/query-engine.js';

/** A result put in a form two engines can be compared in: type families, and rows in a canonical order. */
export interface ComparableResult {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

/**
 * The type family of an engine's type name. Declared differences, and only these, are folded:
 * VARCHAR's length and TIMESTAMP's precision (Trino: VARCHAR(5), TIMESTAMP(6)), and the zone of a Hive
 * `timestamp` column (DuckDB reads Parquet's isAdjustedToUTC timestamps as TIMESTAMP WITH TIME ZONE,
 * Trino's Hive type has no zone). Anything else, e.g. DuckDB's HUGEINT for Trino's BIGINT, stays different.
 */
export function typeFamily(type: string): string {
  const upper = type.toUpperCase().replaceAll(', ', ',');
  if (/^VARCHAR(\(\d+\))?$/.test(upper)) return 'VARCHAR';
  if (/^TIMESTAMP(\(\d+\))?( WITH TIME ZONE)?$/.test(upper)) return 'TIMESTAMP';
  return upper;
}

/** The result with type families, UTC timestamps without their 'Z', and rows sorted (order-independent). */
export function comparable(result: QueryResult, significantDigits = 12): ComparableResult {
  const columns = result.columns.map((column) => ({ name: column.name, type: typeFamily(column.type) }));
  const rows = result.rows.map((row) =>
    row.map((value, i) =>
      columns[i]?.type === 'TIMESTAMP' && typeof value === 'string' ? value.replace(/Z$/, '') : value,
    ),
  );
  const keyed = rows.map((row) => ({ row, key: sortKey(row, significantDigits) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { columns, rows: keyed.map(({ row }) => row) };
}

/**
 * Expects two engines' results to hold the same columns (names, type families) and the same rows in any order;
 * doubles may differ by `relativeTolerance` (summation order), every other value must be identical.
 */
export function expectSameResult(
  trino: QueryResult,
  duckdb: QueryResult,
  options: { relativeTolerance?: number } = {},
): void {
  const tolerance = options.relativeTolerance ?? 1e-12;
  const left = comparable(trino);
  const right = comparable(duckdb);
  expect(left.columns, 'columns and type families').toEqual(right.columns);
  expect(left.rows.length, 'row count').toBe(right.rows.length);
  left.rows.forEach((row, r) => {
    const other = right.rows[r] ?? [];
    row.forEach((value, c) => {
      const expected = other[c];
      const where = `row ${r} (${JSON.stringify(row, bigintText)}), column ${left.columns[c]?.name}`;
      if (typeof value === 'number' && typeof expected === 'number' && !Number.isInteger(value)) {
        const scale = Math.max(1, Math.abs(value), Math.abs(expected));
        expect(Math.abs(value - expected) <= tolerance * scale, `${where}: ${value} vs ${expected}`).toBe(
          true,
        );
      } else {
        expect(value, where).toEqual(expected);
      }
    });
  });
}

function sortKey(row: readonly unknown[], significantDigits: number): string {
  const rounded = row.map((value) =>
    typeof value === 'number' && !Number.isInteger(value)
      ? Number(value.toPrecision(significantDigits))
      : value,
  );
  return JSON.stringify(rounded, bigintText);
}

function bigintText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}
