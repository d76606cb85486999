import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { toJson } from 'hyparquet';
import {
  type ColumnType,
  LISTING_COLUMNS,
  LISTING_PARTITION_KEYS,
  type ListingRecord,
} from '../../../../src/domain/listing-record.js';
import { repoRoot } from '../../../helpers/fixtures.js';

// Canonical records we made (test/fixtures/parquet/), with the goldens of what DuckDB and hyparquet must read
// back from any encoder's file.
const fixtureDir = path.join(repoRoot, 'test', 'fixtures', 'parquet');
const loadJson = <T>(name: string): T => JSON.parse(readFileSync(path.join(fixtureDir, name), 'utf8')) as T;
export const records = loadJson<ListingRecord[]>('listing-records.json');
export const duckDbGolden = loadJson<{ describe: unknown; parquetSchema: unknown; rows: unknown }>(
  'listing-records.duckdb.json',
);
export const hyparquetGolden = loadJson<{ columnNames: unknown; rows: unknown }>(
  'listing-records.hyparquet.json',
);

const MS_PER_DAY = 86_400_000;
// 1900-01-01 .. 9999-12-31: instants Spark reads without calendar rebasing, and four-digit years.
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const valueByType: Record<ColumnType, fc.Arbitrary<unknown>> = {
  string: fc.string({ unit: 'grapheme', maxLength: 12 }),
  int32: fc.integer(),
  int64: fc.maxSafeInteger(),
  double: fc.double({ noNaN: true, noDefaultInfinity: true }),
  boolean: fc.boolean(),
  timestamp: fc.integer({ min: MIN_MS, max: MAX_MS }),
  date: fc
    .integer({ min: Math.ceil(MIN_MS / MS_PER_DAY), max: Math.floor(MAX_MS / MS_PER_DAY) })
    .map((days) => new Date(days * MS_PER_DAY).toISOString().slice(0, 10)),
};

/** Generated listing records: any value of each column's type, or null. */
export const recordArbitrary = fc.record(
  Object.fromEntries([
    ...LISTING_COLUMNS.map((column) => [column.name, fc.option(valueByType[column.type], { nil: null })]),
    ...LISTING_PARTITION_KEYS.map((key) => [key.name, fc.constant('x')]),
  ]),
) as unknown as fc.Arbitrary<ListingRecord>;

/** What hyparquet must decode for a record: instants and days as ISO strings, no partition columns. */
export function expectedRow(record: ListingRecord): unknown {
  const row: Record<string, unknown> = {};
  for (const { name, type } of LISTING_COLUMNS) {
    const value = record[name];
    if (value === null) row[name] = null;
    else if (type === 'timestamp') row[name] = new Date(value as number).toISOString();
    else if (type === 'date') row[name] = `${value}T00:00:00.000Z`;
    else row[name] = value;
  }
  return toJson(row);
}
