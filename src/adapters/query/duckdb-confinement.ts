import { type DuckDBConnection, type DuckDBPreparedStatement, StatementType } from '@duckdb/node-api';
import { QueryRefusedError } from '../../errors.js';
import { readOnlyStatement } from '../../query/read-only-statement.js';
import { duckDbMessage, runStatement } from './duckdb-session.js';
import { stringLiteral } from './duckdb-views.js';

/**
 * Confines the session to `directories`: DuckDB may open files there and nowhere else, and the
 * settings are locked so no later statement can widen them.
 * https://duckdb.org/docs/stable/operations_manual/securing_duckdb/overview
 */
export async function confineSession(
  connection: DuckDBConnection,
  directories: readonly string[],
): Promise<void> {
  const list = directories.map((directory) => stringLiteral(directory)).join(', ');
  await runStatement(connection, `SET allowed_directories = [${list}]`);
  await runStatement(connection, 'SET enable_external_access = false');
  await runStatement(connection, 'SET lock_configuration = true');
}

/**
 * True when `sql` passes the word check (readOnlyStatement, which throws otherwise) and DuckDB's parser reads
 * it as exactly one SELECT, known without binding it: json_serialize_sql serializes SELECT statements only.
 * Such a query can then run at once. Preparing it first (prepareReadOnly) binds a multi-file scan twice,
 * once to prepare and once to run: about 30 ms of a 126 ms query over 180 files (docs/performance.md).
 * False for anything else (EXPLAIN, a statement DuckDB cannot parse), which goes to prepareReadOnly.
 */
export async function isOneSelect(connection: DuckDBConnection, sql: string): Promise<boolean> {
  readOnlyStatement(sql);
  const reader = await connection
    .runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR))', [sql])
    .catch(() => undefined);
  const text = reader?.getRows()[0]?.[0];
  if (typeof text !== 'string') return false;
  const parsed = JSON.parse(text) as { error?: boolean; statements?: unknown[] };
  return parsed.error === false && parsed.statements?.length === 1;
}

/**
 * Prepares `sql` if it is one read-only statement, checked first by its words (readOnlyStatement),
 * then by what DuckDB's own parser makes of it: one statement, of type SELECT (DESCRIBE, SHOW,
 * SUMMARIZE and read-only PRAGMAs are SELECTs to DuckDB) or EXPLAIN; refuses anything else.
 * Undefined when DuckDB cannot parse it: running it then fails with DuckDB's own message.
 */
export async function prepareReadOnly(
  connection: DuckDBConnection,
  sql: string,
): Promise<DuckDBPreparedStatement | undefined> {
  readOnlyStatement(sql);
  const extracted = await connection.extractStatements(sql).catch(() => undefined);
  if (extracted === undefined) return undefined;
  if (extracted.count !== 1) {
    throw new QueryRefusedError(`DuckDB reads ${extracted.count} statements in this SQL; give exactly one`);
  }
  const prepared = await extracted.prepare(0).catch((error: unknown) => {
    throw refusalOf(error) ?? error;
  });
  const type = prepared.statementType;
  if (type === StatementType.SELECT || type === StatementType.EXPLAIN) return prepared;
  prepared.destroySync();
  throw new QueryRefusedError(
    `DuckDB reads this as a ${StatementType[type] ?? 'non-SELECT'} statement; nothing was run: only read-only statements run`,
  );
}

/** The QueryRefusedError for DuckDB's "Permission Error" (a file outside the allowed directories), else undefined. */
export function refusalOf(error: unknown): QueryRefusedError | undefined {
  const message = duckDbMessage(error);
  if (!message.startsWith('Permission Error')) return undefined;
  const detail = message.split('\n')[0]?.replace(/^Permission Error: /, '') ?? message;
  return new QueryRefusedError(
    `the query reaches outside the data dir, which is all it may read (${detail}); query the catalog's tables instead, e.g. SELECT * FROM listings_current`,
    { cause: error },
  );
}
