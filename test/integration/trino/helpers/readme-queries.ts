import { readFileSync } from 'node:fs';
import path from 'node:path';
import { viewQuerySql } from '../../../../src/pipeline/investor-views.js';
import { repoRoot } from '../../../helpers/fixtures.js';

/** One `npx realty query ...` example of the README, as the statement the CLI would run. */
export interface ReadmeQuery {
  /** The command as written in the README. */
  command: string;
  sql: string;
}

/**
 * Every `npx realty query` command in README.md, turned into the SQL the CLI runs (the SQL argument, or the
 * SELECT of `--view NAME [--where ...] [--limit N]`), so a new example there is run on Trino by the tests too.
 */
export function readmeQueries(): ReadmeQuery[] {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .flatMap((line) => line.split('&&'))
    .map((command) => command.trim())
    .filter((command) => command.startsWith('npx realty query '))
    .map((command) => ({ command, sql: statementOf(words(command.slice('npx realty query '.length))) }));
}

/** Shell words: double- or single-quoted strings or bare words, up to a `#` comment. */
function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) {
    const bare = match[3];
    if (bare?.startsWith('#')) break;
    out.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? bare ?? '');
  }
  return out;
}

function statementOf(args: readonly string[]): string {
  const options = new Map<string, string>();
  let sql: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg.startsWith('--')) options.set(arg.slice(2), args[++i] ?? '');
    else sql = arg;
  }
  const view = options.get('view');
  if (view === undefined) {
    if (sql === undefined) throw new Error(`no SQL in README command: ${args.join(' ')}`);
    return sql;
  }
  const where = options.get('where');
  const limit = options.get('limit');
  return viewQuerySql(view, {
    ...(where === undefined ? {} : { where }),
    ...(limit === undefined ? {} : { limit: Number(limit) }),
  });
}
