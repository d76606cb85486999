import { prepareExportFile } from '../adapters/export/local-export-file.js';
import { checkWhereWithDuckDb } from '../adapters/query/duckdb-where-check.js';
import type { RealtyConfig } from '../config.js';
import { UsageError } from '../errors.js';
import type { ExportDeps } from '../pipeline/export-table.js';
import { openQueryEngine } from './query-engine.js';

/** What `realty export` runs on: the embedded DuckDB engine, DuckDB's parser for --where, a local output file. */
export async function exportDepsFor(config: RealtyConfig, outPath: string): Promise<ExportDeps> {
  if (config.engine !== 'duckdb') {
    throw new UsageError(
      `realty export writes files through the embedded DuckDB engine, not ${config.engine}: drop --engine (with Athena, use UNLOAD)`,
    );
  }
  return {
    engine: await openQueryEngine(config),
    checkWhere: checkWhereWithDuckDb,
    prepareTarget: () => prepareExportFile(outPath),
  };
}
