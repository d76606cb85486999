import path from 'node:path';
import { createDuckDbQueryEngine } from '../adapters/query/duckdb.js';
import type { RealtyConfig } from '../config.js';
import type { QueryEngine } from '../ports/query-engine.js';
import { catalogFor, storeFor } from './assemble.js';
import { athenaEngine } from './aws.js';
import { localPaths } from './local.js';
import { trinoEngine } from './trino.js';

/** The query engine the configuration names: DuckDB over the configured catalog and store, Athena, or Trino. */
export async function openQueryEngine(config: RealtyConfig): Promise<QueryEngine> {
  if (config.engine === 'athena') return athenaEngine(config);
  if (config.engine === 'trino') return trinoEngine(config);
  return createDuckDbQueryEngine({
    catalog: catalogFor(config),
    store: storeFor(config),
    database: config.database,
    allowedDirectories: [allowedDirectoryOf(config)],
  });
}

/** What DuckDB may read: the bucket the tables live in (a trailing separator, so no sibling matches). */
function allowedDirectoryOf(config: RealtyConfig): string {
  if (config.store === 's3') return `s3://${config.bucket}/`;
  return `${localPaths(config).bucket}${path.sep}`;
}
