import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { toPlainValue } from '../../../src/adapters/query/duckdb-values.js';
import type { Warehouse } from '../../unit/adapters/compactor/curated-reader.js';

/**
 * Every row of a curated table read the way Hive, Spark and Athena read a table location: files and
 * directories whose names start with '_' or '.' (a running or killed Spark job's staging) are not data.
 * Sorted by the table's key, so two reads compare equal whatever the file layout.
 */
export async function readLikeHive(warehouse: Warehouse, table: 'listings_history' | 'listings_current') {
  const root = path.join(warehouse.bucket, 'curated', table);
  const entries = (await readdir(root, { recursive: true })) as string[];
  // Listed first: DuckDB opens every file a glob matches, and a killed job's half-written one fails the read.
  const files = entries
    .filter((entry) => entry.endsWith('.parquet') && !/(^|\/)[._]/.test(entry))
    .map((entry) => `'${path.join(root, entry)}'`);
  const keys =
    table === 'listings_history' ? "{'dt': 'VARCHAR', 'state': 'VARCHAR'}" : "{'state': 'VARCHAR'}";
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_parquet([${files.join(', ')}], hive_partitioning = true, hive_types = ${keys}) ORDER BY property_id, dt`,
    );
    return reader.getRows().map((row) => row.map(toPlainValue));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Parquet files under a table's hidden Spark staging directories (`.spark-staging-*`). */
export async function stagedSparkFiles(warehouse: Warehouse, table: string): Promise<string[]> {
  const root = path.join(warehouse.bucket, 'curated', table);
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return entries.filter((entry) => entry.startsWith('.spark-staging-') && entry.endsWith('.parquet'));
}
