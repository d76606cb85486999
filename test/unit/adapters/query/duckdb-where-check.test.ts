import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWhereWithDuckDb } from '../../../../src/adapters/query/duckdb-where-check.js';
import { UsageError } from '../../../../src/errors.js';

const TABLE = 'listings_current';

describe('the --where check by DuckDB’s parser', () => {
  it.each([
    "state = 'TX' AND list_price < 300000",
    "city LIKE 'Aus%' OR beds >= 3",
    "postal_code IN ('78701', '78702') AND list_date >= CAST('2026-11-01' AS DATE)",
    "description = 'a; b -- not a comment'",
  ])('accepts the condition %s', async (where) => {
    await expect(checkWhereWithDuckDb(where, TABLE)).resolves.toBeUndefined();
  });

  it.each([
    ['1=1; DROP TABLE x', /not an SQL condition/],
    ["1=1) UNION SELECT * FROM read_parquet('/etc/passwd') WHERE (1=1", /more than one SELECT/],
    ["postal_code IN (SELECT postal_code FROM read_csv('/etc/passwd'))", /subquery/],
    ['list_price > (SELECT max(list_price) FROM listings_raw)', /subquery/],
    ['EXISTS (SELECT 1)', /subquery/],
    ['list_price > 1 --', /not an SQL condition/],
    ['   ', /empty/],
  ])('rejects %s with a usage error', async (where, message) => {
    const check = checkWhereWithDuckDb(where, TABLE);

    await expect(check).rejects.toBeInstanceOf(UsageError);
    await expect(check).rejects.toThrow(message);
  });

  it('rejects every condition that reaches a file-reading table function, however it is spelled', async () => {
    const reader = fc.constantFrom(
      'read_parquet',
      'read_csv',
      'read_json',
      'glob',
      'read_text',
      'parquet_scan',
    );
    const wrap = fc.constantFrom(
      (f: string) => `postal_code IN (SELECT * FROM ${f}('/etc/passwd'))`,
      (f: string) => `1=1) UNION ALL SELECT * FROM ${f}('/etc/passwd') WHERE (1=1`,
      (f: string) => `(SELECT count(*) FROM ${f}('x')) > 0`,
    );

    await fc.assert(
      fc.asyncProperty(reader, wrap, async (f, make) => {
        await expect(checkWhereWithDuckDb(make(f), TABLE)).rejects.toBeInstanceOf(UsageError);
      }),
      { numRuns: 30 },
    );
  });
});
