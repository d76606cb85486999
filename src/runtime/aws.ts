import { AthenaClient } from '@aws-sdk/client-athena';
import { GlueClient } from '@aws-sdk/client-glue';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { createGlueCatalog } from '../adapters/catalog/glue.js';
import { createGlueJobRunner } from '../adapters/catalog/glue-job-runs.js';
import { createS3Store } from '../adapters/object-store/s3.js';
import { createAthenaQueryEngine } from '../adapters/query/athena.js';
import type { RealtyConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import type { JobRunner } from '../pipeline/start-compaction.js';
import type { Catalog } from '../ports/catalog.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { QueryEngine } from '../ports/query-engine.js';
import { readApiKeyParameter } from './api-key-parameter.js';

type AwsSettings = Pick<RealtyConfig, 'region' | 'awsMaxAttempts'>;

/**
 * What every AWS client shares: the region, the SDK's standard retry mode (exponential backoff with jitter on
 * throttling, 5xx and network errors), and an endpoint override for API-compatible servers.
 */
export function awsClientSettings(config: AwsSettings, endpoint: string | undefined) {
  return {
    region: config.region,
    maxAttempts: config.awsMaxAttempts,
    retryMode: 'standard',
    ...(endpoint ? { endpoint } : {}),
  } as const;
}

/** An S3 client; path-style addressing when an endpoint is given, as S3-compatible servers expect. */
export function s3ClientFor(config: AwsSettings & Pick<RealtyConfig, 's3Endpoint'>): S3Client {
  return new S3Client({
    ...awsClientSettings(config, config.s3Endpoint),
    forcePathStyle: config.s3Endpoint !== undefined,
  });
}

/** A Glue client (the catalog, and the compaction job's StartJobRun). */
export function glueClientFor(config: AwsSettings & Pick<RealtyConfig, 'glueEndpoint'>): GlueClient {
  return new GlueClient(awsClientSettings(config, config.glueEndpoint));
}

/** The bucket REALTY_BUCKET on S3 (or on REALTY_S3_ENDPOINT). */
export function awsStore(config: RealtyConfig): ObjectStore {
  return createS3Store({ client: s3ClientFor(config), bucket: config.bucket });
}

/** The Glue Data Catalog (or REALTY_GLUE_ENDPOINT); table locations are in REALTY_BUCKET. */
export function awsCatalog(config: RealtyConfig): Catalog {
  return createGlueCatalog({ client: glueClientFor(config), bucket: config.bucket });
}

/** Athena in workgroup REALTY_ATHENA_WORKGROUP over database REALTY_DATABASE. */
export function athenaEngine(config: RealtyConfig): QueryEngine {
  const client = new AthenaClient(awsClientSettings(config, config.athenaEndpoint));
  const engine = createAthenaQueryEngine({
    client,
    workgroup: config.athenaWorkgroup,
    database: config.database,
    poll: { timeoutMs: config.athenaTimeoutMs },
    ...(config.athenaOutputLocation ? { outputLocation: config.athenaOutputLocation } : {}),
  });
  return {
    query: (sql, options) => engine.query(sql, options),
    async close() {
      await engine.close();
      client.destroy();
    },
  };
}

/** Runs of the Glue compaction job (StartJobRun, GetJobRuns). */
export function glueJobRunner(config: RealtyConfig): JobRunner {
  return createGlueJobRunner(glueClientFor(config));
}

/** The API key from the SSM SecureString REALTY_API_KEY_PARAMETER, decrypted; never logged, never in the template. */
export async function apiKeyFromSsm(config: RealtyConfig): Promise<string> {
  const name = config.apiKeyParameter;
  if (!name)
    throw new ConfigError(
      'REALTY_API_KEY_PARAMETER is not set; set it to the SSM SecureString parameter holding the API key, or set REALTY_API_KEY',
    );
  const client = new SSMClient(awsClientSettings(config, undefined));
  try {
    return await readApiKeyParameter(client, name);
  } finally {
    client.destroy();
  }
}
