import { QueryError } from '../../errors.js';
import type { TrinoErrorInfo } from './trino-protocol.js';

/** Where a failure came from: Trino's own error document, or the client's side (timeout, abort, network). */
export interface TrinoFailure {
  /** Trino's errorName, e.g. 'FUNCTION_NOT_FOUND', 'SYNTAX_ERROR'; undefined when Trino did not report one. */
  errorName?: string | undefined;
  /** Trino's errorType: USER_ERROR, INTERNAL_ERROR, INSUFFICIENT_RESOURCES or EXTERNAL. */
  errorType?: string | undefined;
  /** The query id, for system.runtime.queries and the server log. */
  queryId?: string | undefined;
  cause?: unknown;
}

/** A query Trino refused or that did not finish; `errorName` is Trino's when Trino reported the failure. */
export class TrinoQueryError extends QueryError {
  readonly errorName: string | undefined;
  readonly errorType: string | undefined;
  readonly queryId: string | undefined;

  constructor(message: string, failure: TrinoFailure = {}) {
    super(message, failure.cause === undefined ? undefined : { cause: failure.cause });
    this.errorName = failure.errorName;
    this.errorType = failure.errorType;
    this.queryId = failure.queryId;
  }
}

/** The error of a query Trino failed, with Trino's name, type, message and the place in the SQL. */
export function trinoErrorOf(error: TrinoErrorInfo, queryId: string): TrinoQueryError {
  const name = error.errorName ?? 'UNKNOWN_ERROR';
  const hint = error.errorType === 'USER_ERROR' ? 'fix the SQL' : 'see the Trino server log';
  return new TrinoQueryError(`Trino failed query ${queryId} with ${name}: ${error.message} (${hint})`, {
    errorName: error.errorName,
    errorType: error.errorType,
    queryId,
  });
}
