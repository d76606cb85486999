import { createDuckDbQueryEngine } from '../adapters/query/duckdb.js';
import type { RealtyConfig } from '../config.js';
import type { QueryEngine } from '../ports/query-engine.js';
import { catalogFor, storeFor } from './assemble.js';
import { athenaEngine } from './aws.js';
import { trinoEngine } from './trino.js';

/** The query engine the configuration names: DuckDB over the configured catalog and store, Athena, or Trino. */
export async function openQueryEngine(config: RealtyConfig): Promise<QueryEngine> {
  if (config.engine === 'athena') return athenaEngine(config);
  if (config.engine === 'trino') return trinoEngine(config);
  return createDuckDbQueryEngine({
    catalog: catalogFor(config),
    store: storeFor(config),
    database: config.database,
  });
}
