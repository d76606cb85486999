import type { QueryExecution } from '@aws-sdk/client-athena';
import { QueryError } from '../../errors.js';

/** A QueryError for a query that ended FAILED or CANCELLED, with Athena's reason and error category. */
export function athenaFailure(id: string, execution: QueryExecution): QueryError {
  const status = execution.Status ?? {};
  const state = status.State ?? 'FAILED';
  const reason = status.AthenaError?.ErrorMessage ?? status.StateChangeReason ?? 'Athena gave no reason';
  const type = status.AthenaError?.ErrorType;
  // ErrorCategory: 1 = system (Athena's side, retry), 2 = user (fix the SQL), 3 = other.
  const category = status.AthenaError?.ErrorCategory;
  const advice =
    state === 'CANCELLED'
      ? 'it was cancelled (by a user, a timeout, or the workgroup bytes-scanned limit); rerun it, narrowed if it hit the limit'
      : category === 1
        ? 'this is an Athena-side error; retry'
        : category === 2
          ? 'fix the SQL (table and column names, types, syntax) and rerun'
          : 'check the SQL and the tables it reads, then rerun';
  return new QueryError(
    `Athena query ${id} ${state}: ${reason}${type === undefined ? '' : ` (error type ${type})`}; ${advice}`,
  );
}

/** A QueryError saying which Athena call failed and why. */
export function queryErrorOf(error: unknown, operation: string): QueryError {
  if (error instanceof QueryError) return error;
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const hint =
    name === 'InvalidRequestException'
      ? 'Athena rejected the request (unknown workgroup? disabled workgroup? no result location?); check REALTY_ATHENA_WORKGROUP'
      : name === 'TooManyRequestsException'
        ? 'Athena throttled the calls after the SDK retries; retry later or lower the concurrency'
        : 'check the workgroup, the endpoint and the credentials, then retry';
  return new QueryError(`could not ${operation}: ${name}: ${message}; ${hint}`, { cause: error });
}
