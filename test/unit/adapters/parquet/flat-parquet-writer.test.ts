import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parquetReadObjects, toJson } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_ROWS } from '../../../../src/adapters/parquet/column-chunk.js';
import { encoderByName } from '../../../../src/adapters/parquet/encoder-by-name.js';
import { createFlatEncoder } from '../../../../src/adapters/parquet/flat-parquet-writer.js';
import { LISTING_COLUMNS, type ListingRecord } from '../../../../src/domain/listing-record.js';
import { ParquetError } from '../../../../src/errors.js';
import { duckDbGolden, expectedRow, hyparquetGolden, recordArbitrary, records } from './parquet-fixtures.js';
import { openDuckDb, readBackWithDuckDb, readBackWithHyparquet } from './read-back.js';

// The same goldens every encoder is held to (encoders.test.ts), plus what is particular to the flat writer:
// pages, statistics and the hot-path shortcuts.
let workDir: string;
let duckDb: Awaited<ReturnType<typeof openDuckDb>>;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'realty-flat-parquet-'));
  duckDb = await openDuckDb();
});

afterAll(async () => {
  duckDb?.close();
  await rm(workDir, { recursive: true, force: true });
});

async function encodeToFile(input: readonly ListingRecord[], rowGroupRows?: number): Promise<string> {
  const encoder = createFlatEncoder(rowGroupRows === undefined ? {} : { rowGroupRows });
  const file = path.join(workDir, `flat-${Math.random().toString(36).slice(2)}.parquet`);
  await writeFile(file, await encoder.encode(input, LISTING_COLUMNS));
  return file;
}

/** `count` copies of the fixture records with distinct ids and prices, for files of many rows. */
function manyRecords(count: number): ListingRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    ...(records[i % records.length] as ListingRecord),
    event_id: `event-${i}`,
    list_price: i % 7 === 0 ? null : 100_000 + i,
  }));
}

describe('the flat encoder', () => {
  it('is the encoder named "flat"', () => {
    expect(encoderByName('flat').name).toBe('flat');
  });

  it('writes the agreed schema and the golden rows, as DuckDB and hyparquet read them back', async () => {
    const file = await encodeToFile(records);

    const view = await readBackWithDuckDb(duckDb.run, file);
    const readBack = await readBackWithHyparquet(file);

    expect(view.parquetSchema).toEqual(duckDbGolden.parquetSchema);
    expect(view.describe).toEqual(duckDbGolden.describe);
    expect(view.rows).toEqual(duckDbGolden.rows);
    expect(readBack.columnNames).toEqual(hyparquetGolden.columnNames);
    expect(readBack.rows).toEqual(hyparquetGolden.rows);
    expect(view.codecs).toEqual(['SNAPPY']);
    expect(view.keyValues).toEqual({ 'realty.writer': 'flat', 'realty.schema_version': '1' });
  });

  it('finds rows by strings beyond the BMP, which bounds in UTF-16 order would wrongly prune', async () => {
    const file = await encodeToFile(records);

    const rows = await duckDb.run(
      `SELECT event_id FROM read_parquet('${file}') WHERE listing_id = '😀' OR property_id >= 'ｐ' ORDER BY 1`,
    );

    expect(rows).toEqual([{ event_id: 'unicode-🏠' }]);
  });

  it('reads back every row of a column chunk longer than a page (PAGE_ROWS)', async () => {
    const input = manyRecords(PAGE_ROWS * 2 + 123);
    const file = await encodeToFile(input);

    const rows = await duckDb.run(
      `SELECT count(*) AS n, count(list_price) AS priced, min(event_id) AS first, sum(list_price) AS total FROM read_parquet('${file}')`,
    );

    const priced = input.filter((r) => r.list_price !== null);
    expect(rows).toEqual([
      {
        n: String(input.length),
        priced: String(priced.length),
        first: 'event-0',
        total: String(priced.reduce((sum, r) => sum + (r.list_price as number), 0)),
      },
    ]);
  });

  it('gives each row group min, max and null count in the column order DuckDB prunes by', async () => {
    const file = await encodeToFile(manyRecords(30), 10);

    const stats = await duckDb.run(
      `SELECT row_group_id, stats_min_value AS min, stats_max_value AS max, stats_null_count AS nulls
       FROM parquet_metadata('${file}') WHERE path_in_schema = 'list_price' ORDER BY row_group_id`,
    );
    const pruned = await duckDb.run(
      `SELECT count(*) AS n FROM read_parquet('${file}') WHERE list_price BETWEEN 100025 AND 100026`,
    );

    expect(stats).toEqual([
      { row_group_id: '0', min: '100001', max: '100009', nulls: '2' },
      { row_group_id: '1', min: '100010', max: '100019', nulls: '1' },
      { row_group_id: '2', min: '100020', max: '100029', nulls: '2' },
    ]);
    expect(pruned).toEqual([{ n: '2' }]);
  });

  it('writes no string bounds where the largest value is too long to store whole, and still finds its rows', async () => {
    const long = `https://www.realtor.com/${'x'.repeat(100)}`;
    const input = manyRecords(3).map((r, i) => ({ ...r, href: i === 1 ? long : 'a' }));
    const file = await encodeToFile(input);

    const [stats] = await duckDb.run(
      `SELECT stats_min_value AS min, stats_max_value AS max FROM parquet_metadata('${file}') WHERE path_in_schema = 'href'`,
    );
    const found = await duckDb.run(
      `SELECT count(*) AS n FROM read_parquet('${file}') WHERE href = '${long}'`,
    );

    expect(stats).toEqual({ min: null, max: null });
    expect(found).toEqual([{ n: '1' }]);
  });

  it('keeps -0.0 and 0.0 apart from the bounds a reader prunes zero by', async () => {
    const input = manyRecords(2).map((r, i) => ({ ...r, baths: i === 0 ? -0 : 0 }));
    const file = await encodeToFile(input);

    const zeros = await duckDb.run(`SELECT count(*) AS n FROM read_parquet('${file}') WHERE baths = 0`);

    expect(zeros).toEqual([{ n: '2' }]);
  });

  it('reads back booleans packed across byte boundaries, with nulls between them', async () => {
    const input = manyRecords(21).map((r, i) => ({ ...r, is_pending: i % 3 === 0 ? null : i % 2 === 0 }));
    const file = await encodeToFile(input);
    const bytes = readFileSync(file);

    const rows = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
      columns: ['is_pending'],
    });

    expect(rows.map((row) => row['is_pending'])).toEqual(input.map((r) => r.is_pending));
  });

  it('rejects a value that does not fit its column with a ParquetError naming the row and column', async () => {
    const bad = structuredClone(records);
    (bad[2] as { list_date: unknown }).list_date = 1.5;

    const act = createFlatEncoder().encode(bad, LISTING_COLUMNS);

    await expect(act).rejects.toThrow(ParquetError);
    await expect(act).rejects.toThrow(
      /row 2 column "list_date": 1\.5 is not an epoch-milliseconds timestamp/,
    );
  });

  it('writes back exactly the generated values it was given, across row groups', async () => {
    const encoder = createFlatEncoder({ rowGroupRows: 7 });

    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { maxLength: 20 }), async (input) => {
        const bytes = await encoder.encode(input, LISTING_COLUMNS);
        const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

        const rows = await parquetReadObjects({ file });

        expect(toJson(rows)).toEqual(input.map(expectedRow));
      }),
      { numRuns: 25 },
    );
  });
});
