import { DUCKDB_TYPE } from '../../src/adapters/query/duckdb-views.js';
import type { ColumnSpec } from '../../src/domain/listing-record.js';
import type { BenchDuckDb } from './duckdb.js';
import { sqlString } from './duckdb.js';

/** What reading a file back told: the right column types, the right rows, or what was wrong. */
export interface ReadBack {
  ok: boolean;
  problem?: string;
}

/**
 * Reads a file back in DuckDB: every column with its agreed type, and the same row count, distinct ids and
 * price sum as the records written.
 */
export async function duckDbReadBack(
  db: BenchDuckDb,
  file: string,
  columns: readonly ColumnSpec<string>[],
  expected: { rows: number; distinctIds: number; priceSum: number },
): Promise<ReadBack> {
  const source = `read_parquet(${sqlString(file)})`;
  const described = await db.rows(`DESCRIBE SELECT * FROM ${source}`);
  const types = new Map(described.map((row) => [String(row['column_name']), String(row['column_type'])]));
  for (const { name, type } of columns) {
    if (types.get(name) !== DUCKDB_TYPE[type]) {
      return {
        ok: false,
        problem: `${name} reads as ${types.get(name) ?? 'nothing'}, not ${DUCKDB_TYPE[type]}`,
      };
    }
  }
  const [row] = await db.rows(
    `SELECT count(*) AS n, count(DISTINCT event_id) AS ids, coalesce(sum(list_price), 0) AS prices FROM ${source}`,
  );
  const got = {
    rows: Number(row?.['n']),
    distinctIds: Number(row?.['ids']),
    priceSum: Number(row?.['prices']),
  };
  if (
    got.rows !== expected.rows ||
    got.distinctIds !== expected.distinctIds ||
    got.priceSum !== expected.priceSum
  ) {
    return { ok: false, problem: `read back ${JSON.stringify(got)}, wrote ${JSON.stringify(expected)}` };
  }
  return { ok: true };
}
