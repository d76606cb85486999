import { createTrinoCatalogSync, type TrinoCatalogSync } from '../adapters/catalog/trino-sync.js';
import { createTrinoQueryEngine } from '../adapters/query/trino.js';
import type { RealtyConfig } from '../config.js';
import type { QueryEngine } from '../ports/query-engine.js';

type TrinoSettings = Pick<RealtyConfig, 'trinoUrl' | 'trinoUser' | 'trinoTimeoutMs' | 'database'>;

/** Trino at REALTY_TRINO_URL; unqualified table names resolve in hive.<REALTY_DATABASE>, as in Athena. */
export function trinoEngine(config: TrinoSettings): QueryEngine {
  return createTrinoQueryEngine({
    url: config.trinoUrl,
    user: config.trinoUser,
    schema: config.database,
    timeoutMs: config.trinoTimeoutMs,
  });
}

/**
 * Where Trino reads the bucket's keys: scripts/trino.sh roots Trino's local file system at the bucket
 * directory (`local:///raw/listings/`); a Trino over S3 reads `s3://<bucket>/raw/listings/`.
 */
export function trinoLocationRoot(config: Pick<RealtyConfig, 'store' | 'bucket'>): string {
  return config.store === 's3' ? `s3://${config.bucket}/` : 'local:///';
}

/** The catalog sync into Trino's `hive` catalog, running its DDL through `engine` (a trinoEngine). */
export function trinoCatalogSync(
  config: Pick<RealtyConfig, 'store' | 'bucket'>,
  engine: QueryEngine,
): TrinoCatalogSync {
  return createTrinoCatalogSync({ engine, locationRoot: trinoLocationRoot(config) });
}
