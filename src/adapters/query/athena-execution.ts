import { setTimeout as delay } from 'node:timers/promises';
import {
  type AthenaClient,
  GetQueryExecutionCommand,
  paginateGetQueryResults,
  type QueryExecution,
  type Row,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { QueryError } from '../../errors.js';
import type { QueryResult } from '../../ports/query-engine.js';
import { athenaFailure, queryErrorOf } from './athena-errors.js';
import { toQueryColumns, toRows } from './athena-values.js';

export interface AthenaTarget {
  client: AthenaClient;
  workgroup: string;
  database: string;
  /** Result location; unset: the workgroup's own (which the stack enforces). */
  outputLocation?: string;
}

export interface PollOptions {
  /** First wait between GetQueryExecution calls; doubles up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Give up (and stop the query) after this long. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** The wait before poll number `attempt` (0-based): exponential backoff, capped. */
export function pollDelayMs(
  attempt: number,
  options: Pick<PollOptions, 'initialDelayMs' | 'maxDelayMs'>,
): number {
  return Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 30));
}

/** Starts a statement in the workgroup, against the database; resolves with its QueryExecutionId. */
export async function startQuery(target: AthenaTarget, sql: string): Promise<string> {
  const response = await target.client
    .send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: target.workgroup,
        QueryExecutionContext: { Database: target.database, Catalog: 'AwsDataCatalog' },
        ...(target.outputLocation ? { ResultConfiguration: { OutputLocation: target.outputLocation } } : {}),
      }),
    )
    .catch((error: unknown) => {
      throw queryErrorOf(error, `start the query in workgroup ${target.workgroup}`);
    });
  if (!response.QueryExecutionId)
    throw new QueryError('Athena started the query but gave no QueryExecutionId; retry');
  return response.QueryExecutionId;
}

/** Polls until the query ends; resolves on SUCCEEDED, throws QueryError with Athena's reason otherwise. */
export async function waitForQuery(
  client: AthenaClient,
  id: string,
  options: PollOptions,
): Promise<QueryExecution> {
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    const { QueryExecution: execution } = await client
      .send(new GetQueryExecutionCommand({ QueryExecutionId: id }))
      .catch((error: unknown) => {
        throw queryErrorOf(error, `read the state of query ${id}`);
      });
    const state = execution?.Status?.State;
    if (state === 'SUCCEEDED') return execution ?? {};
    if (state === 'FAILED' || state === 'CANCELLED') throw athenaFailure(id, execution ?? {});
    const wait = pollDelayMs(attempt, options);
    if (options.signal?.aborted || Date.now() + wait > deadline) {
      await client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
      throw new QueryError(
        options.signal?.aborted
          ? `query ${id} was aborted; Athena was asked to stop it`
          : `query ${id} was still ${state ?? 'unknown'} after ${options.timeoutMs} ms and was stopped; raise REALTY_ATHENA_TIMEOUT_MS or narrow the query (partition filters on dt, state)`,
      );
    }
    await delay(wait, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
  }
}

/**
 * Reads every page of a finished query's results. For a SELECT (StatementType DML) Athena puts the column
 * labels in the first row of the first page; that row is dropped.
 */
export async function readResults(
  client: AthenaClient,
  execution: QueryExecution,
  pageSize = 1000,
): Promise<QueryResult> {
  const id = execution.QueryExecutionId ?? '';
  let columns: QueryResult['columns'] | undefined;
  const rows: unknown[][] = [];
  let first = true;
  const pages = paginateGetQueryResults({ client, pageSize }, { QueryExecutionId: id });
  try {
    for await (const page of pages) {
      columns ??= toQueryColumns(page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []);
      let pageRows = page.ResultSet?.Rows ?? [];
      if (first && execution.StatementType === 'DML' && isHeaderRow(pageRows[0], columns))
        pageRows = pageRows.slice(1);
      rows.push(...toRows(pageRows, columns));
      first = false;
    }
  } catch (error) {
    throw queryErrorOf(error, `read the results of query ${id}`);
  }
  return { columns: columns ?? [], rows };
}

function isHeaderRow(row: Row | undefined, columns: QueryResult['columns']): boolean {
  if (!row?.Data || row.Data.length !== columns.length) return false;
  return row.Data.every((cell, i) => cell.VarCharValue === columns[i]?.name);
}
