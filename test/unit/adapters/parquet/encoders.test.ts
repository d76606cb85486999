import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encoderByName } from '../../../../src/adapters/parquet/encoder-by-name.js';
import { LISTING_COLUMNS, type ListingRecord } from '../../../../src/domain/listing-record.js';
import { ParquetError } from '../../../../src/errors.js';
import { duckDbGolden, hyparquetGolden, records } from './parquet-fixtures.js';
import { openDuckDb, readBackWithDuckDb, readBackWithHyparquet } from './read-back.js';

let workDir: string;
let duckDb: Awaited<ReturnType<typeof openDuckDb>>;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'realty-parquet-'));
  duckDb = await openDuckDb();
});

afterAll(async () => {
  duckDb?.close();
  await rm(workDir, { recursive: true, force: true });
});

describe.each(['hyparquet', 'parquetjs-lite'] as const)('the %s encoder', (name) => {
  async function encodeToFile(input: readonly ListingRecord[], options = {}): Promise<string> {
    const bytes = await encoderByName(name, options).encode(input, LISTING_COLUMNS);
    const file = path.join(workDir, `${name}-${Math.random().toString(36).slice(2)}.parquet`);
    await writeFile(file, bytes);
    return file;
  }

  it('writes every column with the agreed physical and logical types, as DuckDB reads them', async () => {
    const file = await encodeToFile(records);

    const view = await readBackWithDuckDb(duckDb.run, file);

    expect(view.parquetSchema).toEqual(duckDbGolden.parquetSchema);
    expect(view.describe).toEqual(duckDbGolden.describe);
  });

  it('reads back in DuckDB as the golden rows: nulls, extreme ints, pre-1970 instants, unicode', async () => {
    const file = await encodeToFile(records);

    const view = await readBackWithDuckDb(duckDb.run, file);

    expect(view.rows).toEqual(duckDbGolden.rows);
  });

  it('reads back in hyparquet, a second engine, as the golden rows', async () => {
    const file = await encodeToFile(records);

    const readBack = await readBackWithHyparquet(file);

    expect(readBack.columnNames).toEqual(hyparquetGolden.columnNames);
    expect(readBack.rows).toEqual(hyparquetGolden.rows);
  });

  it('leaves the partition columns dt and state out of the file', async () => {
    const file = await encodeToFile(records);

    const { columnNames } = await readBackWithHyparquet(file);

    expect(columnNames).toEqual(LISTING_COLUMNS.map((column) => column.name));
    expect(columnNames).not.toContain('dt');
    expect(columnNames).not.toContain('state');
  });

  it('compresses with Snappy and records its name and the schema version in the key-value metadata', async () => {
    const file = await encodeToFile(records);

    const view = await readBackWithDuckDb(duckDb.run, file);

    expect(view.codecs).toEqual(['SNAPPY']);
    expect(view.keyValues).toEqual({ 'realty.writer': name, 'realty.schema_version': '1' });
  });

  it('finds rows by strings beyond the BMP, which statistics in UTF-16 order would wrongly prune', async () => {
    const file = await encodeToFile(records);

    const rows = await duckDb.run(
      `SELECT event_id FROM read_parquet('${file}') WHERE listing_id = '😀' OR property_id >= 'ｐ' ORDER BY 1`,
    );

    expect(rows).toEqual([{ event_id: 'unicode-🏠' }]);
  });

  it('writes a file with no rows that still has every column and type', async () => {
    const file = await encodeToFile([]);

    const view = await readBackWithDuckDb(duckDb.run, file);

    expect(view.describe).toEqual(duckDbGolden.describe);
    expect(view.rows).toEqual([]);
  });

  it('splits the rows into row groups of the configured size', async () => {
    const file = await encodeToFile(records, { rowGroupRows: 2 });

    const [meta] = await duckDb.run(`SELECT num_row_groups, num_rows FROM parquet_file_metadata('${file}')`);

    expect(meta).toEqual({ num_row_groups: '3', num_rows: '5' });
  });

  it('rejects a record whose value does not fit its column, naming the row and column', async () => {
    const bad = structuredClone(records);
    (bad[3] as { beds: unknown }).beds = 2.5;

    const act = encoderByName(name).encode(bad, LISTING_COLUMNS);

    await expect(act).rejects.toThrow(ParquetError);
    await expect(act).rejects.toThrow(/row 3 column "beds": 2\.5 is not an int32/);
  });
});
