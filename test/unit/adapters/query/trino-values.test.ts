import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQueryResults } from '../../../../src/adapters/query/trino-protocol.js';
import { isoFromTrinoTimestamp } from '../../../../src/adapters/query/trino-timestamp.js';
import { toPlainValue, toQueryColumns, toRows } from '../../../../src/adapters/query/trino-values.js';
import { QueryError } from '../../../../src/errors.js';
import { repoRoot } from '../../../helpers/fixtures.js';

// A result page recorded from Trino 476 (scripts/trino.sh), one column per type the protocol encodes differently.
const recordedText = readFileSync(
  path.join(repoRoot, 'test', 'fixtures', 'trino', 'typed-values-476.json'),
  'utf8',
);

function recordedRow(): Record<string, unknown> {
  const page = parseQueryResults(recordedText);
  const columns = page.columns ?? [];
  const [row = []] = toRows(page.data ?? [], columns);
  return Object.fromEntries(columns.map((column, i) => [column.name, row[i]]));
}

describe('Trino values as plain JS values', () => {
  it('gives timestamps as ISO-8601 text with the DuckDB adapter’s fraction digits, zoned ones in UTC with Z', () => {
    const row = recordedRow();

    expect(row).toMatchObject({
      ts_micros: '2024-02-15T04:07:56.123456',
      ts_millis: '2024-02-15T04:07:56.120',
      ts_nanos: '2024-02-15T04:07:56.123456789',
      ts_year_99: '0099-03-01T00:00:00.000',
      tstz_utc: '2024-02-15T04:07:56.123456Z',
      tstz_offset: '2024-02-15T03:07:56.100Z',
      tstz_zone_id: '2024-07-15T08:07:56.000Z',
      d: '2024-02-29',
    });
  });

  it('keeps a BIGINT beyond 2^53 exact as a bigint and gives smaller ones as numbers', () => {
    const row = recordedRow();

    expect(row).toMatchObject({ big_max: 9223372036854775807n, big_small: 42, big_null: null });
    // A map's entries come in no defined order (JSON objects put integer-like keys first).
    expect(row['m']).toHaveLength(2);
    expect(row['m']).toEqual(
      expect.arrayContaining([
        { key: 9223372036854775807n, value: 'max' },
        { key: 1, value: 'one' },
      ]),
    );
  });

  it('gives numbers, booleans, text, arrays and rows their JS form', () => {
    const row = recordedRow();

    expect(row).toMatchObject({
      dbl: 1.5,
      dbl_neg_inf: Number.NEGATIVE_INFINITY,
      r: 0.25,
      i: 2147483647,
      si: 7,
      ti: -3,
      dec: 12345.67,
      b: true,
      s: "naïve 'quoted'",
      c: 'y  ',
      arr: [1, null, 3],
      rw: { p: 1, q: 'x', d: '2024-01-01' },
      bin: 'AQL/',
      t: '01:02:03.456',
      j: '{"a":[1,2]}',
    });
    expect(row['dbl_nan']).toBeNaN();
  });

  it("names the columns' types as Trino does, upper-cased", () => {
    const page = parseQueryResults(recordedText);

    const columns = toQueryColumns(page.columns ?? []);

    expect(columns.slice(0, 2)).toEqual([
      { name: 'ts_micros', type: 'TIMESTAMP(6)' },
      { name: 'ts_millis', type: 'TIMESTAMP(6)' },
    ]);
    expect(columns.find((column) => column.name === 'rw')?.type).toBe('ROW(P INTEGER, Q VARCHAR, D DATE)');
  });

  it('refuses a BIGINT that was already rounded while parsing instead of returning a wrong number', () => {
    const rounded = 2 ** 60;

    expect(() => toPlainValue({ rawType: 'bigint', arguments: [] }, rounded)).toThrow(QueryError);
  });
});

describe('Trino timestamp text', () => {
  it('converts a zone id to UTC on both sides of a daylight-saving change', () => {
    expect(isoFromTrinoTimestamp('2024-01-15 12:00:00.000 Europe/Berlin', true)).toBe(
      '2024-01-15T11:00:00.000Z',
    );
    expect(isoFromTrinoTimestamp('2024-07-15 12:00:00.000 Europe/Berlin', true)).toBe(
      '2024-07-15T10:00:00.000Z',
    );
    expect(isoFromTrinoTimestamp('2024-03-31 03:30:00 Europe/Berlin', true)).toBe('2024-03-31T01:30:00.000Z');
  });

  it('keeps text it cannot read, and a zone this runtime does not know, unchanged', () => {
    expect(isoFromTrinoTimestamp('not a timestamp', false)).toBe('not a timestamp');
    expect(isoFromTrinoTimestamp('2024-01-15 12:00:00 Mars/Olympus', true)).toBe(
      '2024-01-15 12:00:00 Mars/Olympus',
    );
  });

  it('drops only whole trailing groups of zero digits below the millisecond', () => {
    expect(isoFromTrinoTimestamp('2024-01-15 12:00:00.000100', false)).toBe('2024-01-15T12:00:00.000100');
    expect(isoFromTrinoTimestamp('2024-01-15 12:00:00.1234', false)).toBe('2024-01-15T12:00:00.123400');
    expect(isoFromTrinoTimestamp('2024-01-15 12:00:00.123000000', false)).toBe('2024-01-15T12:00:00.123');
  });
});

describe('Trino QueryResults documents', () => {
  it('refuses a body that is not JSON, saying the URL may not be Trino', () => {
    expect(() => parseQueryResults('<html>proxy error</html>')).toThrow(/not JSON.*Trino server/);
  });

  it('refuses a document without a query id, naming the field', () => {
    expect(() => parseQueryResults('{"nextUri": "http://x/v1/statement/1"}')).toThrow(
      /id .*QueryResults|QueryResults.*id/,
    );
  });
});
