import path from 'node:path';
import type { RealtyConfig } from '../config.js';
import type { QueryEngine } from '../ports/query-engine.js';
import { catalogFor, storeFor } from './assemble.js';
import { localPaths } from './local.js';

/**
 * The query engine the configuration names: DuckDB over the configured catalog and store, Athena, or Trino.
 * Each engine's client is imported only when it is the one named, so `realty query` loads one of them.
 */
export async function openQueryEngine(config: RealtyConfig): Promise<QueryEngine> {
  if (config.engine === 'athena') return (await import('./aws.js')).athenaEngine(config);
  if (config.engine === 'trino') return (await import('./trino.js')).trinoEngine(config);
  const { createDuckDbQueryEngine } = await import('../adapters/query/duckdb.js');
  return createDuckDbQueryEngine({
    catalog: catalogFor(config),
    store: storeFor(config),
    database: config.database,
    allowedDirectories: [allowedDirectoryOf(config)],
  });
}

/** What DuckDB may read: the bucket the tables live in (a trailing separator, so no sibling matches). */
export function allowedDirectoryOf(config: RealtyConfig): string {
  if (config.store === 's3') return `s3://${config.bucket}/`;
  return `${localPaths(config).bucket}${path.sep}`;
}
