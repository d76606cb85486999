import { QueryRefusedError } from '../errors.js';
import { type SqlToken, sqlTokens } from './sql-tokens.js';

/** The first words of statements that only read: what `realty query` and the report accept. */
const READ_KEYWORDS = new Set(['select', 'values', 'from', 'table', 'describe', 'desc', 'show', 'summarize']);

/** Words that start a statement; the first one at the top level (after WITH's CTEs) says what it does. */
const STATEMENT_KEYWORDS = new Set([
  ...READ_KEYWORDS,
  'insert',
  'update',
  'delete',
  'merge',
  'copy',
  'create',
  'drop',
  'alter',
  'attach',
  'detach',
  'install',
  'load',
  'set',
  'reset',
  'pragma',
  'call',
  'export',
  'import',
  'vacuum',
  'checkpoint',
  'use',
  'grant',
  'revoke',
  'truncate',
  'unload',
  'prepare',
  'execute',
  'deallocate',
  'begin',
  'commit',
  'rollback',
  'start',
  'analyze',
  'pivot',
  'unpivot',
  'comment',
  'msck',
  'refresh',
  'update_extensions',
]);

const HINT =
  'realty query runs one read-only statement (SELECT, WITH ... SELECT, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN SELECT)';

/**
 * Checks that `sql` is exactly one statement that only reads, and returns it without its trailing
 * semicolon. Anything else (a second statement, COPY, ATTACH, INSTALL, SET, PRAGMA, a WITH that
 * ends in INSERT, ...) is refused whole with a QueryRefusedError naming what was found.
 */
export function readOnlyStatement(sql: string): string {
  const tokens = sqlTokens(sql);
  const statements = splitStatements(tokens);
  if (statements.length === 0) throw new QueryRefusedError(`the SQL statement is empty; ${HINT}`);
  if (statements.length > 1) {
    throw new QueryRefusedError(
      `the SQL holds ${statements.length} statements (separated by ';'); nothing was run: ${HINT}`,
    );
  }
  const [statement] = statements as [SqlToken[]];
  assertReads(statement);
  const first = statement[0] as SqlToken;
  const last = statement[statement.length - 1] as SqlToken;
  return sql.slice(first.start, last.end);
}

function splitStatements(tokens: SqlToken[]): SqlToken[][] {
  const statements: SqlToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'symbol' && token.text === ';') statements.push([]);
    else statements[statements.length - 1]?.push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}

function assertReads(statement: SqlToken[]): void {
  let depth = 0;
  let explain = false;
  for (const token of statement) {
    if (token.kind === 'symbol' && token.text === '(') depth += 1;
    if (token.kind === 'symbol' && token.text === ')') depth -= 1;
    if (token.kind !== 'word' || depth > 0) continue;
    const word = token.text.toLowerCase();
    // EXPLAIN ANALYZE runs the statement it explains: what counts is the statement after it.
    if (word === 'explain' || (explain && word === 'analyze')) explain = true;
    else if (READ_KEYWORDS.has(word)) return;
    else if (STATEMENT_KEYWORDS.has(word)) {
      throw new QueryRefusedError(
        `${word.toUpperCase()} statements are not allowed; nothing was run: ${HINT}`,
      );
    }
  }
  // A parenthesised query, e.g. (SELECT 1) UNION (SELECT 2), has no keyword at the top level.
  if (statement[0]?.kind === 'symbol' && statement[0].text === '(' && !explain) return;
  throw new QueryRefusedError(`this is not a read-only statement; nothing was run: ${HINT}`);
}
