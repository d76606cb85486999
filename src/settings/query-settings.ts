import * as v from 'valibot';
import { choice, positiveInt, text } from './value-schemas.js';

/** Query engines: DuckDB, Athena, Trino. */
export const QUERY_SETTINGS = {
  engine: {
    env: 'REALTY_ENGINE',
    flag: 'engine',
    default: 'duckdb',
    schema: choice(['duckdb', 'athena', 'trino']),
    doc: 'Query engine',
  },
  athenaWorkgroup: {
    env: 'REALTY_ATHENA_WORKGROUP',
    flag: 'athena-workgroup',
    default: 'realty',
    schema: v.pipe(text, v.regex(/^[a-zA-Z0-9._-]{1,128}$/, 'must be an Athena workgroup name')),
    doc: 'Athena workgroup the queries run in (the stack creates realty-<stage>)',
  },
  athenaOutputLocation: {
    env: 'REALTY_ATHENA_OUTPUT',
    flag: 'athena-output',
    default: undefined,
    schema: v.pipe(
      text,
      v.regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.*$/, 'must be an s3://bucket/prefix/ URI'),
    ),
    doc: "Athena result location; unset: the workgroup's",
  },
  athenaEndpoint: {
    env: 'REALTY_ATHENA_ENDPOINT',
    flag: 'athena-endpoint',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'Athena-API-compatible endpoint (tests); AWS when unset',
  },
  athenaTimeoutMs: {
    env: 'REALTY_ATHENA_TIMEOUT_MS',
    flag: 'athena-timeout-ms',
    default: '300000',
    schema: positiveInt(3_600_000),
    doc: 'Stop an Athena query still running after this long',
  },
  trinoUrl: {
    env: 'REALTY_TRINO_URL',
    flag: 'trino-url',
    default: 'http://127.0.0.1:8080',
    schema: v.pipe(
      text,
      v.url('must be a URL'),
      v.regex(/^https?:\/\//, 'must start with http:// or https://'),
    ),
    doc: 'Trino coordinator of --engine trino (`npm run trino:start` serves the default)',
  },
  trinoUser: {
    env: 'REALTY_TRINO_USER',
    flag: 'trino-user',
    default: 'realty',
    schema: text,
    doc: 'Trino user (X-Trino-User) the queries run as',
  },
  trinoTimeoutMs: {
    env: 'REALTY_TRINO_TIMEOUT_MS',
    flag: 'trino-timeout-ms',
    default: '300000',
    schema: positiveInt(3_600_000),
    doc: 'Cancel a Trino query still running after this long',
  },
} as const;
