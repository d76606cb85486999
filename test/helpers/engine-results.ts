import type { QueryResult } from '../../src/ports/query-engine.js';

/**
 * Trino's type names and the DuckDB type each must come back as, for the same column over the same Parquet.
 * Only these pairs count as the same type; anything else (DuckDB's HUGEINT for Trino's BIGINT, a DOUBLE for
 * an INTEGER) is a difference. `zonedAsUtc`: Trino's Hive `timestamp` has no zone while DuckDB reads the
 * Parquet's isAdjustedToUTC timestamps as TIMESTAMP WITH TIME ZONE; the values are the same UTC instant, Trino's
 * text without the 'Z'.
 */
export const TRINO_TO_DUCKDB_TYPES: readonly {
  trino: RegExp;
  duckdb: string;
  zonedAsUtc?: boolean;
}[] = [
  { trino: /^VARCHAR(\(\d+\))?$/, duckdb: 'VARCHAR' },
  { trino: /^BOOLEAN$/, duckdb: 'BOOLEAN' },
  { trino: /^INTEGER$/, duckdb: 'INTEGER' },
  { trino: /^BIGINT$/, duckdb: 'BIGINT' },
  { trino: /^DOUBLE$/, duckdb: 'DOUBLE' },
  { trino: /^DATE$/, duckdb: 'DATE' },
  { trino: /^TIMESTAMP\((3|6)\)$/, duckdb: 'TIMESTAMP WITH TIME ZONE', zonedAsUtc: true },
  { trino: /^TIMESTAMP\((3|6)\)$/, duckdb: 'TIMESTAMP' },
  { trino: /^TIMESTAMP\((3|6)\) WITH TIME ZONE$/, duckdb: 'TIMESTAMP WITH TIME ZONE' },
];

/** Types whose values may differ by the relative tolerance (summation order); every other value is exact. */
const APPROXIMATE_TYPES: ReadonlySet<string> = new Set(['DOUBLE', 'REAL', 'FLOAT']);

export interface CompareOptions {
  /** Largest relative difference allowed between two DOUBLE values (default 1e-12). */
  relativeTolerance?: number;
  /** Differences listed at most (default 20); the count of the rest is added. */
  maxDifferences?: number;
}

/**
 * The differences between a Trino result and a DuckDB result of the same query, as sentences; none means the
 * same. Same column names in the same order, types paired by TRINO_TO_DUCKDB_TYPES, the same rows in any order,
 * values identical except DOUBLEs within the relative tolerance.
 */
export function compareEngineResults(
  trino: QueryResult,
  duckdb: QueryResult,
  options: CompareOptions = {},
): string[] {
  const tolerance = options.relativeTolerance ?? 1e-12;
  const limit = options.maxDifferences ?? 20;
  const columnDifferences = compareColumns(trino, duckdb);
  if (columnDifferences.length > 0) return columnDifferences;
  const zoned = trino.columns.map((column, i) => pairOf(column.type, duckdb.columns[i]?.type)?.zonedAsUtc);
  const approximate = duckdb.columns.map((column) => APPROXIMATE_TYPES.has(column.type));
  const normalised = trino.rows.map((row) =>
    row.map((value, i) => (zoned[i] && typeof value === 'string' ? `${value}Z` : value)),
  );
  const differences = compareRows(normalised, duckdb.rows, {
    approximate,
    tolerance,
    names: duckdb.columns.map((c) => c.name),
  });
  if (trino.rows.length !== duckdb.rows.length) {
    differences.unshift(`row count: Trino ${trino.rows.length}, DuckDB ${duckdb.rows.length}`);
  }
  return differences.length > limit
    ? [...differences.slice(0, limit), `... and ${differences.length - limit} more`]
    : differences;
}

function pairOf(trinoType: string, duckdbType: string | undefined) {
  const upper = trinoType.toUpperCase().replaceAll(', ', ',');
  return TRINO_TO_DUCKDB_TYPES.find((pair) => pair.trino.test(upper) && pair.duckdb === duckdbType);
}

function compareColumns(trino: QueryResult, duckdb: QueryResult): string[] {
  const differences: string[] = [];
  const count = Math.max(trino.columns.length, duckdb.columns.length);
  for (let i = 0; i < count; i++) {
    const left = trino.columns[i];
    const right = duckdb.columns[i];
    if (!left || !right) {
      differences.push(
        `column ${i + 1}: ${left ? `Trino ${left.name}` : `DuckDB ${right?.name}`} has no counterpart`,
      );
    } else if (left.name !== right.name) {
      differences.push(`column ${i + 1}: named ${left.name} in Trino, ${right.name} in DuckDB`);
    } else if (!pairOf(left.type, right.type)) {
      differences.push(
        `column ${left.name}: Trino ${left.type} and DuckDB ${right.type} are not a declared type pair`,
      );
    }
  }
  return differences;
}

interface RowRules {
  approximate: readonly boolean[];
  tolerance: number;
  names: readonly string[];
}

/** Rows grouped by their exact values; within a group each Trino row takes the first DuckDB row within tolerance. */
function compareRows(trino: unknown[][], duckdb: unknown[][], rules: RowRules): string[] {
  const groups = new Map<string, { trino: unknown[][]; duckdb: unknown[][] }>();
  const groupOf = (key: string) => {
    const group = groups.get(key) ?? { trino: [], duckdb: [] };
    groups.set(key, group);
    return group;
  };
  for (const row of trino) groupOf(exactKey(row, rules.approximate)).trino.push(row);
  for (const row of duckdb) groupOf(exactKey(row, rules.approximate)).duckdb.push(row);
  const differences: string[] = [];
  for (const group of groups.values()) {
    const unmatched = [...group.duckdb];
    const leftOver: unknown[][] = [];
    for (const row of group.trino) {
      const at = unmatched.findIndex((other) => closeEnough(row, other, rules));
      if (at === -1) leftOver.push(row);
      else unmatched.splice(at, 1);
    }
    // Same exact values, doubles apart: say which doubles; otherwise the row is missing on one side.
    leftOver.forEach((row, i) => {
      const other = unmatched[i];
      if (other) differences.push(`row ${text(row)}: ${doublesApart(row, other, rules).join(', ')}`);
      else differences.push(`row only in Trino: ${text(row)}`);
    });
    for (const row of unmatched.slice(leftOver.length)) differences.push(`row only in DuckDB: ${text(row)}`);
  }
  return differences;
}

function exactKey(row: readonly unknown[], approximate: readonly boolean[]): string {
  return text(row.map((value, i) => (approximate[i] && typeof value === 'number' ? '~' : value)));
}

function closeEnough(left: readonly unknown[], right: readonly unknown[], rules: RowRules): boolean {
  return left.every((value, i) => !rules.approximate[i] || within(value, right[i], rules.tolerance));
}

function within(left: unknown, right: unknown, tolerance: number): boolean {
  if (typeof left !== 'number' || typeof right !== 'number') return Object.is(left, right);
  if (Number.isNaN(left) || Number.isNaN(right)) return Number.isNaN(left) && Number.isNaN(right);
  if (!Number.isFinite(left) || !Number.isFinite(right)) return left === right;
  return Math.abs(left - right) <= tolerance * Math.max(Math.abs(left), Math.abs(right));
}

function doublesApart(left: readonly unknown[], right: readonly unknown[], rules: RowRules): string[] {
  return left.flatMap((value, i) =>
    rules.approximate[i] && !within(value, right[i], rules.tolerance)
      ? [
          `${rules.names[i]} is ${String(value)} in Trino and ${String(right[i])} in DuckDB, outside the relative tolerance ${rules.tolerance}`,
        ]
      : [],
  );
}

function text(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
