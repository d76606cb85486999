import type { QueryResult } from '../ports/query-engine.js';

export type OutputFormat = 'table' | 'csv' | 'json';

/** Renders a query result as an aligned text table, RFC 4180 CSV, or JSON objects (one array). */
export function formatResult(result: QueryResult, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(toObjects(result), jsonValue, 2);
  if (format === 'csv') return toCsv(result);
  return toTable(result);
}

function toObjects(result: QueryResult): Record<string, unknown>[] {
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((column, i) => [column.name, row[i]])),
  );
}

function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === 'bigint'
    ? Number.isSafeInteger(Number(value))
      ? Number(value)
      : value.toString()
    : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object') return JSON.stringify(value, jsonValue);
  return String(value);
}

function toTable(result: QueryResult): string {
  const header = result.columns.map((c) => c.name);
  const body = result.rows.map((row) => row.map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const numeric = result.columns.map((c) => /INT|DOUBLE|DECIMAL|FLOAT|REAL|NUMERIC/i.test(c.type));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const count = `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`;
  return [line(header), rule, ...body.map(line), count].join('\n');
}

function toCsv(result: QueryResult): string {
  const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const csvCell = (value: unknown) => (value === null || value === undefined ? '' : quote(cell(value)));
  const lines = [
    result.columns.map((c) => quote(c.name)).join(','),
    ...result.rows.map((row) => row.map(csvCell).join(',')),
  ];
  return lines.join('\n');
}
