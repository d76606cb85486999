import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import {
  EXPORTABLE_TABLES,
  exportableTable,
  exportCopySql,
  exportFormat,
  sqlString,
} from '../../../src/pipeline/export-statement.js';

describe('the export statement', () => {
  it('copies the filtered rows of a table to Parquet or CSV with a header', () => {
    const request = { table: exportableTable('deal_screen'), where: "state = 'TX'" };

    expect(exportCopySql({ ...request, format: 'parquet' }, '/tmp/d.parquet')).toBe(
      "COPY (SELECT * FROM deal_screen WHERE (state = 'TX')) TO '/tmp/d.parquet' (FORMAT parquet, COMPRESSION 'zstd')",
    );
    expect(exportCopySql({ ...request, format: 'csv' }, '/tmp/d.csv')).toBe(
      "COPY (SELECT * FROM deal_screen WHERE (state = 'TX')) TO '/tmp/d.csv' (FORMAT csv, HEADER true)",
    );
  });

  it('exports the catalog tables, listing_outcomes and the five investor views', () => {
    expect(EXPORTABLE_TABLES).toEqual(
      expect.arrayContaining([
        'listings_raw',
        'listings_history',
        'listings_current',
        'listing_outcomes',
        'market_momentum',
      ]),
    );
    expect(EXPORTABLE_TABLES).toHaveLength(9);
  });

  it('names the tables and formats there are when given an unknown one', () => {
    expect(() => exportableTable('listings')).toThrow(UsageError);
    expect(() => exportableTable('listings')).toThrow(/listings_raw, listings_history/);
    expect(() => exportFormat('xlsx')).toThrow(/parquet or csv/);
  });

  it('quotes any path as one SQL string literal', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !s.includes('\0')),
        (text) => {
          const literal = sqlString(text);
          const inner = literal.slice(1, -1);
          expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
          expect(inner.replaceAll("''", '')).not.toContain("'");
          expect(inner.replaceAll("''", "'")).toBe(text);
        },
      ),
    );
  });
});
