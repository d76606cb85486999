import { createDuckDbQueryEngine } from '../adapters/query/duckdb.js';
import type { RealtyConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import type { QueryEngine } from '../ports/query-engine.js';
import { catalogFor, storeFor } from './assemble.js';

/** The query engine the configuration names, over the configured catalog and store. */
export async function openQueryEngine(config: RealtyConfig): Promise<QueryEngine> {
  if (config.engine === 'duckdb') {
    return createDuckDbQueryEngine({
      catalog: catalogFor(config),
      store: storeFor(config),
      database: config.database,
    });
  }
  throw new ConfigError(`REALTY_ENGINE=${config.engine} is not available yet in this build; use duckdb`);
}
