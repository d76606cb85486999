import { CatalogError } from '../../errors.js';

// What to do about the Glue errors an operator can act on; the names are Glue's exception types.
const HINTS: Readonly<Record<string, string>> = {
  AccessDeniedException:
    "grant the role the glue action on this database and its tables (see serverless.yml's iam statements)",
  ResourceNumberLimitExceededException:
    'a Glue quota was reached (partitions per table, tables per database); raise it or compact',
  ThrottlingException: 'Glue throttled the requests after the SDK retries; retry later',
  ConcurrentModificationException: 'another writer changed the same entity; retry',
  InvalidInputException: 'Glue rejected the request as invalid; check the table definition',
  CredentialsProviderError: 'configure AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, or the Lambda role)',
  ECONNREFUSED: 'nothing answers at the Glue endpoint; check REALTY_GLUE_ENDPOINT',
};

/** The Glue exception type of an SDK or network error (e.g. 'EntityNotFoundException'). */
export function glueErrorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'Error';
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof name === 'string' && name !== 'Error' && name !== 'GlueServiceException') return name;
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : 'Error';
}

/** A CatalogError saying which operation failed, Glue's exception and message, and what to do about it. */
export function catalogErrorOf(error: unknown, operation: string): CatalogError {
  if (error instanceof CatalogError) return error;
  const name = glueErrorName(error);
  const message = error instanceof Error ? error.message : String(error);
  const hint = HINTS[name] ?? 'check the catalog, the endpoint and the credentials, then retry';
  return new CatalogError(`could not ${operation}: ${name}: ${message}; ${hint}`, { cause: error });
}
