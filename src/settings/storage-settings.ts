import * as v from 'valibot';
import { choice, positiveInt, text } from './value-schemas.js';

/** Where data lives: the data dir, object store, catalog, AWS region. */
export const STORAGE_SETTINGS = {
  dataDir: {
    env: 'REALTY_DATA_DIR',
    flag: 'data-dir',
    default: '.realty',
    schema: text,
    doc: 'Directory of the embedded log, bucket and catalog',
  },
  store: {
    env: 'REALTY_STORE',
    flag: 'store',
    default: 'local',
    schema: choice(['local', 's3']),
    doc: 'Object store: a local directory (under REALTY_DATA_DIR) or S3 (REALTY_BUCKET, REALTY_REGION; REALTY_S3_ENDPOINT for S3-compatible servers)',
  },
  bucket: {
    env: 'REALTY_BUCKET',
    flag: 'bucket',
    default: 'realty-data',
    schema: v.pipe(text, v.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name')),
    doc: 'Bucket name (also the directory name under the data dir)',
  },
  s3Endpoint: {
    env: 'REALTY_S3_ENDPOINT',
    flag: 's3-endpoint',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'S3-compatible endpoint (tests, MinIO); AWS when unset',
  },
  catalog: {
    env: 'REALTY_CATALOG',
    flag: 'catalog',
    default: 'local',
    schema: choice(['local', 'glue']),
    doc: 'Catalog: a local catalog file (under REALTY_DATA_DIR) or the Glue Data Catalog (REALTY_REGION; REALTY_GLUE_ENDPOINT for Glue-API-compatible servers)',
  },
  glueEndpoint: {
    env: 'REALTY_GLUE_ENDPOINT',
    flag: 'glue-endpoint',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'Glue-API-compatible endpoint (tests); AWS when unset',
  },
  region: { env: 'REALTY_REGION', flag: 'region', default: 'us-east-1', schema: text, doc: 'AWS region' },
  database: {
    env: 'REALTY_DATABASE',
    flag: 'database',
    default: 'realty',
    schema: v.pipe(text, v.regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case identifier')),
    doc: 'Glue/Hive database',
  },
  awsMaxAttempts: {
    env: 'REALTY_AWS_MAX_ATTEMPTS',
    flag: 'aws-max-attempts',
    default: '5',
    schema: positiveInt(20),
    doc: 'Attempts per AWS API call (the SDK retries throttling and 5xx with backoff)',
  },
  logLevel: {
    env: 'REALTY_LOG_LEVEL',
    flag: 'log-level',
    default: 'info',
    schema: choice(['debug', 'info', 'warn', 'error', 'silent']),
    doc: 'Log level',
  },
} as const;
