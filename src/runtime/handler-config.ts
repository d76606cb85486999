import { loadConfig, type RealtyConfig } from '../config.js';

/**
 * A handler's configuration: the environment's, and under `sls invoke local` (osls sets IS_LOCAL=true) the
 * local directory and catalog in place of S3 and Glue unless an endpoint names a server to use, so the
 * README's `sls invoke local -f transform` runs without AWS credentials (docs/deploy.md).
 */
export function handlerConfig(env: NodeJS.ProcessEnv): RealtyConfig {
  const config = loadConfig(env);
  return env['IS_LOCAL'] === 'true' ? withOfflineAdapters(config) : config;
}

/** S3 and Glue without an endpoint become the local directory and catalog under REALTY_DATA_DIR. */
export function withOfflineAdapters(config: RealtyConfig): RealtyConfig {
  return {
    ...config,
    store: config.store === 's3' && config.s3Endpoint === undefined ? 'local' : config.store,
    catalog: config.catalog === 'glue' && config.glueEndpoint === undefined ? 'local' : config.catalog,
  };
}
