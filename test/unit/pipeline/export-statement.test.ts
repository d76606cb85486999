import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import {
  EXPORTABLE_TABLES,
  exportableTable,
  exportFormat,
  exportSelectSql,
  sqlString,
} from '../../../src/pipeline/export-statement.js';

describe('the export statement', () => {
  it('selects the filtered rows of a table, the condition in parentheses', () => {
    const request = { table: exportableTable('deal_screen'), where: "state = 'TX'" };

    expect(exportSelectSql(request)).toBe("SELECT * FROM deal_screen WHERE (state = 'TX')");
    expect(exportSelectSql({ table: exportableTable('deal_screen') })).toBe('SELECT * FROM deal_screen');
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
