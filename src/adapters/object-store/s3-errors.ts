import { StoreError } from '../../errors.js';

// What to do about the S3 errors an operator can act on; the names are S3's error codes (and the SDK's).
const HINTS: Readonly<Record<string, string>> = {
  NoSuchBucket: 'create the bucket (sls deploy does) or set REALTY_BUCKET to an existing one',
  AccessDenied:
    "grant the role the s3 action on this bucket and prefix (see serverless.yml's iam statements)",
  InvalidAccessKeyId: 'configure AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, or the Lambda role)',
  SignatureDoesNotMatch: 'check the AWS secret key and the region (REALTY_REGION)',
  CredentialsProviderError: 'configure AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, or the Lambda role)',
  BadDigest: 'the bytes were corrupted in transit (checksum mismatch); retry',
  XAmzContentChecksumMismatch: 'the bytes were corrupted in transit (checksum mismatch); retry',
  SlowDown: 'S3 throttled the requests after the SDK retries; lower the concurrency or retry later',
  ECONNREFUSED: 'nothing answers at the S3 endpoint; check REALTY_S3_ENDPOINT',
  ENOTFOUND: 'the S3 endpoint host does not resolve; check REALTY_S3_ENDPOINT and the network',
};

/** The S3 error code of an SDK or network error: the service's code, else the Node error code, else its name. */
export function s3ErrorName(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'Error';
  const { Code, code, name } = error as { Code?: unknown; code?: unknown; name?: unknown };
  if (typeof Code === 'string') return Code;
  if (typeof name === 'string' && name !== 'Error' && name !== 'S3ServiceException') return name;
  if (typeof code === 'string') return code;
  return typeof name === 'string' ? name : 'Error';
}

/** A StoreError saying which operation failed, S3's error code and message, and what to do about it. */
export function storeErrorOf(error: unknown, operation: string): StoreError {
  if (error instanceof StoreError) return error;
  const name = s3ErrorName(error);
  const message = error instanceof Error ? error.message : String(error);
  const hint = HINTS[name] ?? 'check the bucket, the endpoint and the credentials, then retry';
  return new StoreError(`could not ${operation}: ${name}: ${message}; ${hint}`, { cause: error });
}
