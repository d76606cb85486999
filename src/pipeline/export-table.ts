import { CatalogError, QueryError, UsageError } from '../errors.js';
import type { QueryEngine } from '../ports/query-engine.js';
import type { WhereCheck } from '../ports/where-check.js';
import { type ExportRequest, exportSelectSql } from './export-statement.js';

/** Where an export's bytes go: a path the engine writes, kept by commit, removed by abort. */
export interface ExportTarget {
  writePath: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface ExportDeps {
  /** The engine the rows are read with. */
  engine: QueryEngine;
  /** Writes the rows of a read-only SELECT to a local file in the export's format. */
  copyTo(selectSql: string, filePath: string, format: ExportRequest['format']): Promise<void>;
  checkWhere: WhereCheck;
  /** Prepares the output file; called once the rows to write are known to be readable. */
  prepareTarget(): Promise<ExportTarget>;
}

export interface ExportSummary {
  table: string;
  format: string;
  rows: number;
}

/** Writes the rows of one table or view (filtered by a checked --where) to a Parquet or CSV file. */
export async function exportTable(request: ExportRequest, deps: ExportDeps): Promise<ExportSummary> {
  if (request.where !== undefined) await deps.checkWhere(request.where, request.table);
  await probe(
    deps.engine,
    `SELECT * FROM ${request.table} LIMIT 0`,
    (reason, cause) =>
      new UsageError(
        `table ${request.table} cannot be read in this data dir (${reason}); run \`realty run\` (npm start) first, or point --data-dir at a data dir that has it`,
        { cause },
      ),
  );
  const rows = await probe(
    deps.engine,
    `SELECT count(*) AS n FROM (${exportSelectSql(request)})`,
    (reason, cause) =>
      new UsageError(`--where ${JSON.stringify(request.where)} does not run on ${request.table}: ${reason}`, {
        cause,
      }),
  );
  const target = await deps.prepareTarget();
  try {
    await deps.copyTo(exportSelectSql(request), target.writePath, request.format);
    await target.commit();
  } catch (error) {
    await target.abort();
    throw error;
  }
  return { table: request.table, format: request.format, rows };
}

async function probe(
  engine: QueryEngine,
  sql: string,
  failure: (reason: string, cause: Error) => Error,
): Promise<number> {
  try {
    const result = await engine.query(sql);
    return Number(result.rows[0]?.[0] ?? 0);
  } catch (error) {
    if (!(error instanceof QueryError || error instanceof CatalogError)) throw error;
    throw failure(error.message.replace(/^DuckDB could not run the query: /, ''), error);
  }
}
