import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../src/ports/query-engine.js';
import { compareEngineResults } from '../../helpers/engine-results.js';

const trino: QueryResult = {
  columns: [
    { name: 'zip', type: 'VARCHAR(5)' },
    { name: 'listings', type: 'BIGINT' },
    { name: 'median_price', type: 'DOUBLE' },
    { name: 'seen_at', type: 'TIMESTAMP(6)' },
  ],
  rows: [
    ['78701', 5, 300_000.1, '2026-11-08T12:00:00.000'],
    ['78704', 5, 1 / 3, '2026-11-08T12:00:00.000'],
    ['90004', 1, null, '2026-11-08T12:00:00.000'],
  ],
};
const duckdb: QueryResult = {
  columns: [
    { name: 'zip', type: 'VARCHAR' },
    { name: 'listings', type: 'BIGINT' },
    { name: 'median_price', type: 'DOUBLE' },
    { name: 'seen_at', type: 'TIMESTAMP WITH TIME ZONE' },
  ],
  // Another order, and a double one unit in the last place apart.
  rows: [
    ['90004', 1, null, '2026-11-08T12:00:00.000Z'],
    ['78704', 5, 0.33333333333333337, '2026-11-08T12:00:00.000Z'],
    ['78701', 5, 300_000.1, '2026-11-08T12:00:00.000Z'],
  ],
};

function withRows(result: QueryResult, rows: unknown[][]): QueryResult {
  return { ...result, rows };
}

describe('compareEngineResults', () => {
  it('finds no difference between the same rows in another order, types paired as declared', () => {
    expect(compareEngineResults(trino, duckdb)).toEqual([]);
  });

  it('fails a type outside the declared pairs, e.g. DuckDB HUGEINT for Trino BIGINT', () => {
    const hugeint = {
      ...duckdb,
      columns: duckdb.columns.map((c) => (c.name === 'listings' ? { ...c, type: 'HUGEINT' } : c)),
    };

    expect(compareEngineResults(trino, hugeint)).toEqual([
      'column listings: Trino BIGINT and DuckDB HUGEINT are not a declared type pair',
    ]);
  });

  it('fails a column named differently or missing', () => {
    const renamed = {
      ...duckdb,
      columns: duckdb.columns.map((c, i) => (i === 0 ? { ...c, name: 'postal_code' } : c)),
    };
    const fewer = { columns: duckdb.columns.slice(0, 3), rows: duckdb.rows.map((row) => row.slice(0, 3)) };

    expect(compareEngineResults(trino, renamed)).toEqual([
      'column 1: named zip in Trino, postal_code in DuckDB',
    ]);
    expect(compareEngineResults(trino, fewer)).toEqual(['column 4: Trino seen_at has no counterpart']);
  });

  it('fails a row missing on either side, and a duplicate row that is only once on the other', () => {
    const missing = withRows(duckdb, duckdb.rows.slice(1));
    const doubled = withRows(trino, [...trino.rows, trino.rows[2] as unknown[]]);

    expect(compareEngineResults(trino, missing)).toEqual([
      'row count: Trino 3, DuckDB 2',
      'row only in Trino: ["90004",1,null,"2026-11-08T12:00:00.000Z"]',
    ]);
    expect(compareEngineResults(doubled, duckdb)).toEqual([
      'row count: Trino 4, DuckDB 3',
      'row only in Trino: ["90004",1,null,"2026-11-08T12:00:00.000Z"]',
    ]);
    expect(compareEngineResults(withRows(trino, trino.rows.slice(0, 2)), duckdb)[1]).toBe(
      'row only in DuckDB: ["90004",1,null,"2026-11-08T12:00:00.000Z"]',
    );
  });

  it('fails a double outside the relative tolerance and names the column and both values', () => {
    const apart = withRows(duckdb, [
      duckdb.rows[0] as unknown[],
      duckdb.rows[1] as unknown[],
      ['78701', 5, 300_000.2, '2026-11-08T12:00:00.000Z'],
    ]);

    expect(compareEngineResults(trino, apart)).toEqual([
      'row ["78701",5,300000.1,"2026-11-08T12:00:00.000Z"]: median_price is 300000.1 in Trino and 300000.2 in DuckDB, outside the relative tolerance 1e-12',
    ]);
    expect(compareEngineResults(trino, apart, { relativeTolerance: 1e-6 })).toEqual([]);
  });

  it('compares values of other types exactly: an integer, a null, a timestamp one microsecond apart', () => {
    const off = withRows(duckdb, [
      ['90004', 0, null, '2026-11-08T12:00:00.000Z'],
      ['78704', 5, 1 / 3, '2026-11-08T12:00:00.000001Z'],
      ['78701', 5, 300_000.1, '2026-11-08T12:00:00.000Z'],
    ]);

    expect(compareEngineResults(trino, off).sort()).toEqual([
      'row only in DuckDB: ["78704",5,0.3333333333333333,"2026-11-08T12:00:00.000001Z"]',
      'row only in DuckDB: ["90004",0,null,"2026-11-08T12:00:00.000Z"]',
      'row only in Trino: ["78704",5,0.3333333333333333,"2026-11-08T12:00:00.000Z"]',
      'row only in Trino: ["90004",1,null,"2026-11-08T12:00:00.000Z"]',
    ]);
    expect(
      compareEngineResults(
        withRows(trino, [['90004', 1, 0, '2026-11-08T12:00:00.000']]),
        withRows(duckdb, [['90004', 1, null, '2026-11-08T12:00:00.000Z']]),
      ),
    ).toEqual([
      // A null is no double near 0: the rows differ.
      'row only in Trino: ["90004",1,0,"2026-11-08T12:00:00.000Z"]',
      'row only in DuckDB: ["90004",1,null,"2026-11-08T12:00:00.000Z"]',
    ]);
  });
});
