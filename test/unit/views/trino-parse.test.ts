import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readViewSql } from '../../../src/adapters/query/view-sql-files.js';
import { INVESTOR_VIEWS } from '../../../src/pipeline/investor-views.js';
import { inCi, repoRoot } from '../../helpers/fixtures.js';

// Functions that give the same answer on Trino/Athena and DuckDB (../shared/SQL-DIALECTS.md), as sqlglot
// names them. A view calling anything else fails here: check the function on both engines, then add it.
const PORTABLE_FUNCTIONS = new Set([
  'AND',
  'OR',
  'CASE',
  'IF',
  'CAST',
  'COALESCE',
  'NULLIF',
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'ROW_NUMBER',
  'LAG',
  'DATE_TRUNC',
  'TIMESTAMP_TRUNC',
  'DATEDIFF',
]);
// Syntax DuckDB accepts and Trino rejects, which a lenient parser may let through.
const DUCKDB_ONLY_SYNTAX: readonly [RegExp, string][] = [
  [/::/, '`x::TYPE` casts (use CAST)'],
  [/\bILIKE\b/i, 'ILIKE'],
  [/\bQUALIFY\b/i, 'QUALIFY'],
  [/\bGROUP\s+BY\s+ALL\b/i, 'GROUP BY ALL'],
];

interface Parsed {
  error: string | null;
  functions: string[];
}

// The venv `npm test` provisions (scripts/python-env.sh, sqlglot pinned in scripts/requirements-test.txt); the
// unit tests only use it, so `npm run test:unit` installs nothing. In CI its absence is a failure.
const python = path.join(repoRoot, '.cache', 'venv', 'bin', 'python');
const hasPython = existsSync(python);
if (!hasPython && inCi) {
  throw new Error(`${python} is missing: run bash scripts/python-env.sh (npm test does)`);
}

function parseAsTrino(texts: Record<string, string>): Record<string, Parsed> {
  const script = path.join(repoRoot, 'test', 'unit', 'views', 'trino_parse.py');
  const out = execFileSync(python, [script], { input: JSON.stringify(texts), encoding: 'utf8' });
  return JSON.parse(out) as Record<string, Parsed>;
}

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

describe.skipIf(!hasPython)(
  'the investor views as Trino SQL (needs .cache/venv: bash scripts/python-env.sh)',
  () => {
    it('parses every view with sqlglot’s Trino dialect and calls only functions both engines agree on', async () => {
      const texts = Object.fromEntries(
        await Promise.all(INVESTOR_VIEWS.map(async (name) => [name, await readViewSql(name)] as const)),
      );

      const parsed = parseAsTrino(texts);

      for (const name of INVESTOR_VIEWS) {
        expect(parsed[name]?.error, `${name} does not parse as Trino SQL`).toBeNull();
        const unportable = parsed[name]?.functions.filter((f) => !PORTABLE_FUNCTIONS.has(f));
        expect(unportable, `${name} calls functions not known to be portable`).toEqual([]);
        const syntax = DUCKDB_ONLY_SYNTAX.filter(([pattern]) =>
          pattern.test(withoutComments(texts[name] ?? '')),
        );
        expect(
          syntax.map(([, what]) => what),
          `${name} uses DuckDB-only syntax`,
        ).toEqual([]);
      }
    });

    it('catches the traps: a DuckDB median, approx_percentile, count_if and concat are reported', () => {
      const parsed = parseAsTrino({
        traps: "SELECT median(x), approx_percentile(x, 0.5), count_if(x > 1), concat('a', y) FROM t",
        broken: 'SELECT x FROM (t',
      });

      expect(parsed['traps']?.functions.filter((f) => !PORTABLE_FUNCTIONS.has(f))).toEqual([
        'APPROX_QUANTILE',
        'CONCAT',
        'COUNT_IF',
        'MEDIAN',
      ]);
      expect(parsed['broken']?.error).toMatch(/Expecting \)/);
    });
  },
);
