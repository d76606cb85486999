import { readFile } from 'node:fs/promises';
import { DuckDBInstance, DuckDBTimestampTZValue } from '@duckdb/node-api';
import { parquetMetadata, parquetReadObjects, toJson } from 'hyparquet';

/** What DuckDB sees in a Parquet file: column types, the physical schema, rows (DuckDB's JSON form). */
export interface DuckDbView {
  describe: [name: string, type: string][];
  parquetSchema: Record<string, unknown>[];
  rows: Record<string, unknown>[];
  keyValues: Record<string, string>;
  codecs: string[];
}

// DuckDB renders TIMESTAMPTZ in the process's zone unless told otherwise; goldens are UTC.
DuckDBTimestampTZValue.timezoneOffsetInMinutes = 0;

/** An in-memory DuckDB for reading files back; the caller closes it. */
export async function openDuckDb(): Promise<{
  run: (sql: string) => Promise<Record<string, unknown>[]>;
  close: () => void;
}> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return {
    run: async (sql) =>
      (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[],
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function readBackWithDuckDb(
  run: (sql: string) => Promise<Record<string, unknown>[]>,
  file: string,
): Promise<DuckDbView> {
  const source = `'${file.replaceAll("'", "''")}'`;
  const describe = await run(`DESCRIBE SELECT * FROM read_parquet(${source})`);
  const parquetSchema = await run(
    `SELECT name, type, repetition_type, converted_type, logical_type FROM parquet_schema(${source}) WHERE name <> 'root'`,
  );
  const keyValues = await run(
    `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${source})`,
  );
  const codecs = await run(`SELECT DISTINCT compression FROM parquet_metadata(${source})`);
  return {
    describe: describe.map((row) => [String(row['column_name']), String(row['column_type'])]),
    parquetSchema,
    rows: await run(`SELECT * FROM read_parquet(${source})`),
    keyValues: Object.fromEntries(keyValues.map((row) => [String(row['key']), String(row['value'])])),
    codecs: codecs.map((row) => String(row['compression'])),
  };
}

/** Rows as hyparquet (a second, independent reader) decodes them, in JSON form. */
export async function readBackWithHyparquet(
  file: string,
): Promise<{ rows: unknown[]; columnNames: string[] }> {
  const bytes = await readFile(file);
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const rows = await parquetReadObjects({ file: arrayBuffer });
  const columnNames = parquetMetadata(arrayBuffer)
    .schema.slice(1)
    .map((element) => element.name);
  return { rows: toJson(rows) as unknown[], columnNames };
}
