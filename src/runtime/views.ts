import { createStoredViewCatalog } from '../adapters/query/duckdb-saved-views.js';
import { readViewSql } from '../adapters/query/view-sql-files.js';
import type { RealtyConfig } from '../config.js';
import type { InvestorViewDeps } from '../pipeline/investor-views.js';
import { catalogFor, storeFor } from './assemble.js';

/** The investor views' ports as the configuration names them: catalog, views saved beside the tables, SQL files. */
export function investorViewDepsFor(config: RealtyConfig): InvestorViewDeps {
  return {
    catalog: catalogFor(config),
    views: createStoredViewCatalog(storeFor(config)),
    readSql: (name) => readViewSql(name),
    database: config.database,
  };
}
