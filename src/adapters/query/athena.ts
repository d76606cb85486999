import type { AthenaClient } from '@aws-sdk/client-athena';
import { QueryError } from '../../errors.js';
import type { QueryEngine } from '../../ports/query-engine.js';
import { type PollOptions, readResults, startQuery, waitForQuery } from './athena-execution.js';

export interface AthenaQueryEngineOptions {
  client: AthenaClient;
  workgroup: string;
  database: string;
  /** Result location (s3://...); unset: the workgroup's, which the stack configures and enforces. */
  outputLocation?: string;
  /** Polling: first wait 250 ms, doubling to 2 s; stop the query after 5 minutes. */
  poll?: Partial<Omit<PollOptions, 'signal'>>;
  /** Rows per GetQueryResults call (Athena allows 1000). */
  pageSize?: number;
}

/** Amazon Athena as the QueryEngine: StartQueryExecution in the workgroup, poll with backoff, page the results. */
export function createAthenaQueryEngine(options: AthenaQueryEngineOptions): QueryEngine {
  const { client } = options;
  const poll = { initialDelayMs: 250, maxDelayMs: 2000, timeoutMs: 300_000, ...options.poll };
  const target = {
    client,
    workgroup: options.workgroup,
    database: options.database,
    ...(options.outputLocation ? { outputLocation: options.outputLocation } : {}),
  };
  let closed = false;
  return {
    async query(sql, queryOptions) {
      if (closed) throw new QueryError('the Athena query engine is closed; open a new one');
      if (sql.trim() === '') throw new QueryError('the SQL statement is empty; pass one statement');
      const id = await startQuery(target, sql);
      const signal = queryOptions?.signal;
      const execution = await waitForQuery(client, id, { ...poll, ...(signal ? { signal } : {}) });
      return readResults(client, execution, options.pageSize);
    },
    async close() {
      closed = true;
    },
  };
}
