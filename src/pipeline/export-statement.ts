import { UsageError } from '../errors.js';
import { INVESTOR_VIEWS } from './investor-views.js';

/** Tables and views `realty export` writes: the catalog tables, the curated training table, the investor views. */
export const EXPORTABLE_TABLES = [
  'listings_raw',
  'listings_history',
  'listings_current',
  'listing_outcomes',
  ...INVESTOR_VIEWS,
] as const;
export type ExportableTable = (typeof EXPORTABLE_TABLES)[number];

export const EXPORT_FORMATS = ['parquet', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  table: ExportableTable;
  format: ExportFormat;
  /** A condition already checked by a WhereCheck: one read-only expression over the table's columns. */
  where?: string;
}

/** The table named on the command line, or a UsageError listing the ones there are. */
export function exportableTable(name: string): ExportableTable {
  if ((EXPORTABLE_TABLES as readonly string[]).includes(name)) return name as ExportableTable;
  throw new UsageError(
    `unknown table ${JSON.stringify(name)}: export one of ${EXPORTABLE_TABLES.join(', ')}`,
  );
}

/** The SELECT whose rows an export writes (also the statement a --where is checked against). */
export function exportSelectSql(request: Pick<ExportRequest, 'table' | 'where'>): string {
  const where = request.where === undefined ? '' : ` WHERE (${request.where})`;
  return `SELECT * FROM ${request.table}${where}`;
}

/** The --format named on the command line, or a UsageError naming the formats there are. */
export function exportFormat(name: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(name)) return name as ExportFormat;
  throw new UsageError(`unknown --format ${JSON.stringify(name)}: give ${EXPORT_FORMATS.join(' or ')}`);
}

/** An SQL string literal: single quotes doubled. */
export function sqlString(text: string): string {
  if (text.includes('\0')) throw new UsageError('a path may not contain a NUL character');
  return `'${text.replaceAll("'", "''")}'`;
}
