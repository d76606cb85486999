import path from 'node:path';
import { prepareExportFile } from '../adapters/export/local-export-file.js';
import { createDuckDbQueryEngine } from '../adapters/query/duckdb.js';
import { checkWhereWithDuckDb } from '../adapters/query/duckdb-where-check.js';
import type { RealtyConfig } from '../config.js';
import { UsageError } from '../errors.js';
import type { ExportDeps } from '../pipeline/export-table.js';
import { catalogFor, storeFor } from './assemble.js';
import { allowedDirectoryOf } from './query-engine.js';

/**
 * What `realty export` runs on: the embedded DuckDB engine, confined as `realty query` is, plus the one directory
 * the file is written to; DuckDB's parser for --where; a local output file.
 */
export async function exportDepsFor(config: RealtyConfig, outPath: string): Promise<ExportDeps> {
  if (config.engine !== 'duckdb') {
    throw new UsageError(
      `realty export writes files through the embedded DuckDB engine, not ${config.engine}: drop --engine (with Athena, use UNLOAD)`,
    );
  }
  const engine = createDuckDbQueryEngine({
    catalog: catalogFor(config),
    store: storeFor(config),
    database: config.database,
    allowedDirectories: [allowedDirectoryOf(config), `${path.dirname(path.resolve(outPath))}${path.sep}`],
  });
  return {
    engine,
    copyTo: engine.copyTo,
    checkWhere: checkWhereWithDuckDb,
    prepareTarget: () => prepareExportFile(outPath),
  };
}
