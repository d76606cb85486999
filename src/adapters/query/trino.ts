import { ConfigError, QueryError } from '../../errors.js';
import type { QueryEngine, QueryResult } from '../../ports/query-engine.js';
import { type TrinoConnection, type TrinoConnectionOptions, trinoConnection } from './trino-connection.js';
import { TrinoQueryError, trinoErrorOf } from './trino-errors.js';
import { cancelQuery, sendProtocolRequest } from './trino-http.js';
import type { TrinoColumn, TrinoQueryResults } from './trino-protocol.js';
import { toQueryColumns, toRows } from './trino-values.js';

export interface TrinoQueryEngineOptions extends TrinoConnectionOptions {
  /** Cancel a query still running after this long (default 300,000 ms, as the Athena engine). */
  timeoutMs?: number;
}

/** Why a query stopped early, checked in this order. */
interface Stops {
  timeout: AbortSignal;
  closed: AbortSignal;
  caller: AbortSignal | undefined;
  any: AbortSignal;
}

/** Progress of one statement: what must be cancelled if it stops early. */
interface Progress {
  queryId?: string;
  /** nextUri of a query that may still be running on the server. */
  pending?: string;
}

/**
 * A QueryEngine over Trino's HTTP client protocol (POST /v1/statement, then GET nextUri until there is none):
 * unqualified names resolve in `<catalog>.<schema>`; a query stopped by timeout, abort or close() is cancelled
 * on the server (DELETE nextUri); Trino's errors come back as TrinoQueryError with its errorName.
 */
export function createTrinoQueryEngine(options: TrinoQueryEngineOptions): QueryEngine {
  const connection = trinoConnection(options);
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new ConfigError(`Trino timeoutMs ${timeoutMs} must be a positive whole number of milliseconds`);
  }
  const closing = new AbortController();
  const running = new Set<Promise<unknown>>();

  return {
    query(sql, queryOptions) {
      if (closing.signal.aborted) {
        return Promise.reject(new QueryError('the Trino query engine is closed; create a new one'));
      }
      const caller = queryOptions?.signal;
      const timeout = AbortSignal.timeout(timeoutMs);
      const any = AbortSignal.any([timeout, closing.signal, ...(caller ? [caller] : [])]);
      const run = runStatement(connection, sql, { timeout, closed: closing.signal, caller, any }, timeoutMs);
      running.add(run);
      run.then(
        () => running.delete(run),
        () => running.delete(run),
      );
      return run;
    },

    async close() {
      closing.abort();
      await Promise.allSettled([...running]);
    },
  };
}

async function runStatement(
  connection: TrinoConnection,
  sql: string,
  stops: Stops,
  timeoutMs: number,
): Promise<QueryResult> {
  if (stops.caller?.aborted) throw new TrinoQueryError('the query was aborted before it started');
  const progress: Progress = {};
  try {
    return await collectPages(connection, sql, stops.any, progress);
  } catch (error) {
    throw await stoppedQuery(error, connection, stops, progress, timeoutMs);
  }
}

async function collectPages(
  connection: TrinoConnection,
  sql: string,
  signal: AbortSignal,
  progress: Progress,
): Promise<QueryResult> {
  const { headers, statementUrl } = connection;
  let page: TrinoQueryResults = await sendProtocolRequest(
    { method: 'POST', url: statementUrl, body: sql },
    headers,
    signal,
  );
  progress.queryId = page.id;
  let columns: TrinoColumn[] = [];
  const rows: unknown[][] = [];
  for (;;) {
    if (page.nextUri === undefined) delete progress.pending;
    else progress.pending = page.nextUri;
    if (page.error) throw trinoErrorOf(page.error, page.id);
    if (page.columns && columns.length === 0) columns = page.columns;
    if (page.data && columns.length === 0) {
      throw new TrinoQueryError(`Trino sent rows before their columns in query ${page.id}`, {
        queryId: page.id,
      });
    }
    // A loop, not push(...rows): a page can hold more rows than a call can take arguments.
    for (const row of toRows(page.data ?? [], columns)) rows.push(row);
    if (page.nextUri === undefined) return { columns: toQueryColumns(columns), rows };
    page = await sendProtocolRequest({ method: 'GET', url: page.nextUri }, headers, signal);
  }
}

/** The error to throw for a query that failed or was stopped; cancels it on the server when it may still run. */
async function stoppedQuery(
  error: unknown,
  connection: TrinoConnection,
  stops: Stops,
  progress: Progress,
  timeoutMs: number,
): Promise<Error> {
  const { queryId, pending } = progress;
  if (!stops.any.aborted && error instanceof TrinoQueryError && pending === undefined) return error;
  const which = queryId ? `Trino query ${queryId}` : 'the Trino query';
  let message: string;
  if (stops.timeout.aborted) message = `${which} timed out after ${timeoutMs} ms`;
  else if (stops.caller?.aborted) message = `${which} was aborted`;
  else if (stops.closed.aborted) message = `${which} was stopped because the engine was closed`;
  else if (error instanceof QueryError) message = error.message;
  else
    message = `${which} failed: could not reach Trino at ${connection.statementUrl} (${reasonOf(error)}); start it with \`npm run trino:start\` or set REALTY_TRINO_URL`;
  if (pending !== undefined) {
    const cancelFailure = await cancelQuery(pending, connection.headers);
    message += cancelFailure
      ? `; cancelling it failed too (${cancelFailure})`
      : '; it was cancelled on the server';
  }
  const trino = error instanceof TrinoQueryError ? error : undefined;
  return new TrinoQueryError(message, {
    errorName: trino?.errorName,
    errorType: trino?.errorType,
    queryId,
    cause: error,
  });
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
