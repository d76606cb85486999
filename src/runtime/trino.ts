import type { ViewDefinition } from '../adapters/catalog/trino-ddl.js';
import {
  createTrinoCatalogSync,
  type TrinoCatalogSync,
  type TrinoSyncSummary,
} from '../adapters/catalog/trino-sync.js';
import { createTrinoQueryEngine } from '../adapters/query/trino.js';
import type { RealtyConfig } from '../config.js';
import type { Catalog } from '../ports/catalog.js';
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

/**
 * Fails fast, with the engine's one-line message naming the URL and `npm run trino:start`, when Trino does not
 * answer: `realty run --engine trino` checks before it spends minutes on a run it could not sync.
 */
export async function checkTrinoReachable(config: TrinoSettings): Promise<void> {
  const engine = trinoEngine(config);
  try {
    await engine.query('SELECT 1');
  } finally {
    await engine.close();
  }
}

/** Mirrors the catalog's tables, their partitions and `views` into Trino's hive.<REALTY_DATABASE>. */
export async function syncTrinoCatalog(
  config: TrinoSettings & Pick<RealtyConfig, 'store' | 'bucket'>,
  catalog: Catalog,
  views: readonly ViewDefinition[],
): Promise<TrinoSyncSummary> {
  const engine = trinoEngine(config);
  try {
    return await trinoCatalogSync(config, engine).syncFrom(catalog, config.database, views);
  } finally {
    await engine.close();
  }
}
