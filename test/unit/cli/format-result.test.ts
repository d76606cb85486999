import { describe, expect, it } from 'vitest';
import { formatResult } from '../../../src/cli/format-result.js';
import type { QueryResult } from '../../../src/ports/query-engine.js';

const result: QueryResult = {
  columns: [
    { name: 'city', type: 'VARCHAR' },
    { name: 'listings', type: 'BIGINT' },
  ],
  rows: [
    ['Austin', 12n],
    ['Los Angeles, CA "LA"', 3],
    [null, 0],
  ],
};

describe('formatResult', () => {
  it('aligns a table, numbers to the right, NULL shown', () => {
    expect(formatResult(result, 'table')).toBe(
      [
        'city                  listings',
        '--------------------  --------',
        'Austin                      12',
        'Los Angeles, CA "LA"         3',
        'NULL                         0',
        '(3 rows)',
      ].join('\n'),
    );
  });

  it('quotes CSV cells that hold commas or quotes, and leaves NULL empty', () => {
    expect(formatResult(result, 'csv')).toBe('city,listings\nAustin,12\n"Los Angeles, CA ""LA""",3\n,0');
  });

  it('prints JSON objects with bigints as numbers', () => {
    expect(JSON.parse(formatResult(result, 'json'))[0]).toEqual({ city: 'Austin', listings: 12 });
  });
});
