import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readViewSql } from '../../../src/adapters/query/view-sql-files.js';
import { INVESTOR_VIEWS } from '../../../src/pipeline/investor-views.js';
import { repoRoot } from '../../helpers/fixtures.js';

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

let python: string;

beforeAll(() => {
  // scripts/python-env.sh creates or reuses .cache/venv from scripts/requirements-test.txt (sqlglot pinned there).
  const venv = execFileSync('bash', [path.join(repoRoot, 'scripts', 'python-env.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  python = path.join(venv.split('\n').at(-1) ?? venv, 'bin', 'python');
}, 600_000);

function parseAsTrino(texts: Record<string, string>): Record<string, Parsed> {
  const script = path.join(repoRoot, 'test', 'unit', 'views', 'trino_parse.py');
  const out = execFileSync(python, [script], { input: JSON.stringify(texts), encoding: 'utf8' });
  return JSON.parse(out) as Record<string, Parsed>;
}

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

describe('the investor views as Trino SQL', () => {
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
});
