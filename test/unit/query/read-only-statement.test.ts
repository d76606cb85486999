import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueryRefusedError } from '../../../src/errors.js';
import { readOnlyStatement } from '../../../src/query/read-only-statement.js';

// The exact statements of issue 18's reproduction.
const CURATED_FILE = '/data/realty-data/curated/listings_current/state=CT/part-00000.parquet';
const COPY_OVER_CURATED = `COPY (SELECT 1 AS pwned) TO '${CURATED_FILE}'`;

const READS = [
  'SELECT count(*) FROM listings_raw',
  "SELECT * FROM read_csv('/etc/passwd')",
  'WITH recent AS (SELECT * FROM listings_current) SELECT count(*) FROM recent',
  'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT * FROM n',
  'VALUES (1), (2)',
  'DESCRIBE listings_current',
  'SHOW TABLES',
  'SUMMARIZE listings_current',
  'FROM listings_current LIMIT 1',
  'EXPLAIN SELECT 1',
  'EXPLAIN ANALYZE SELECT 1',
  '(SELECT 1) UNION (SELECT 2)',
  "select 'a;b' AS semicolon_in_a_string;",
  'SELECT 1 -- a comment; COPY t TO x\n',
  'SELECT "drop" FROM t /* ; DELETE FROM t */',
];

const WRITES = [
  COPY_OVER_CURATED,
  `SELECT 1; ${COPY_OVER_CURATED}`,
  "ATTACH '/tmp/other.db' AS other",
  'INSTALL httpfs',
  'LOAD httpfs',
  'SET enable_external_access = true',
  'PRAGMA enable_profiling',
  'CREATE TABLE t AS SELECT 1',
  'DROP VIEW listings_current',
  'WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT * FROM x',
  "EXPLAIN ANALYZE COPY t TO '/tmp/t.csv'",
  "EXPORT DATABASE '/tmp/out'",
  'CALL pragma_version()',
  '',
  '  ;  ',
  "SELECT $$a$$; COPY t TO '/tmp/t.csv'",
];

describe('readOnlyStatement', () => {
  it.each(READS)('accepts the read-only statement %j', (sql) => {
    expect(() => readOnlyStatement(sql)).not.toThrow();
  });

  it.each(WRITES)('refuses %j with a QueryRefusedError', (sql) => {
    expect(() => readOnlyStatement(sql)).toThrow(QueryRefusedError);
  });

  it('refuses "SELECT 1; COPY ..." whole, naming the two statements', () => {
    expect(() => readOnlyStatement(`SELECT 1; ${COPY_OVER_CURATED}`)).toThrow(
      /the SQL holds 2 statements .*nothing was run/,
    );
  });

  it('names the kind of statement it refuses', () => {
    expect(() => readOnlyStatement(COPY_OVER_CURATED)).toThrow(/^COPY statements are not allowed/);
  });

  it('returns the statement without its trailing semicolon and comments', () => {
    expect(readOnlyStatement('  SELECT 1 ; -- done\n')).toBe('SELECT 1');
  });

  it('refuses any read statement followed by any other statement', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...READS),
        fc.constantFrom(...READS, ...WRITES.filter(Boolean)),
        (first, second) => {
          const sql = `${first.replace(/;\s*$/, '').replace(/--[^\n]*\n$/, '')};\n${second}`;
          fc.pre(second.replace(/;|\s/g, '') !== '');
          expect(() => readOnlyStatement(sql)).toThrow(QueryRefusedError);
        },
      ),
    );
  });

  it('keeps a semicolon inside any string literal as text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const literal = `'${text.replace(/'/g, "''")}'`;
        expect(readOnlyStatement(`SELECT ${literal} AS s`)).toBe(`SELECT ${literal} AS s`);
      }),
    );
  });
});
