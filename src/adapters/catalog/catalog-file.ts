import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { CatalogError } from '../../errors.js';
import { writeFileAtomic } from '../object-store/write-file-atomic.js';

// The file mirrors what Glue's GetDatabase/GetTable/GetPartitions return (PascalCase, StorageDescriptor,
// SerdeInfo), so it reads like the production catalog and maps onto the Glue API one to one.
const ColumnSchema = v.strictObject({ Name: v.string(), Type: v.string(), Comment: v.optional(v.string()) });
const StringMap = v.record(v.string(), v.string());

const PartitionSchema = v.strictObject({
  Values: v.array(v.string()),
  // Partitions inherit formats and SerDe from their table, as Hive's ADD PARTITION does; only the location differs.
  StorageDescriptor: v.strictObject({ Location: v.string() }),
});

const TableSchema = v.strictObject({
  Name: v.string(),
  DatabaseName: v.string(),
  Description: v.optional(v.string()),
  TableType: v.literal('EXTERNAL_TABLE'),
  Parameters: StringMap,
  StorageDescriptor: v.strictObject({
    Columns: v.array(ColumnSchema),
    Location: v.string(),
    InputFormat: v.string(),
    OutputFormat: v.string(),
    SerdeInfo: v.strictObject({ SerializationLibrary: v.string(), Parameters: StringMap }),
  }),
  PartitionKeys: v.array(ColumnSchema),
  Partitions: v.array(PartitionSchema),
});

const DatabaseSchema = v.strictObject({
  Name: v.string(),
  Description: v.optional(v.string()),
  Tables: v.array(TableSchema),
});

const CatalogFileSchema = v.strictObject({
  format: v.literal('realty-local-catalog'),
  version: v.literal(1),
  Databases: v.array(DatabaseSchema),
});

export type StoredColumn = v.InferOutput<typeof ColumnSchema>;
export type StoredPartition = v.InferOutput<typeof PartitionSchema>;
export type StoredTable = v.InferOutput<typeof TableSchema>;
export type StoredDatabase = v.InferOutput<typeof DatabaseSchema>;
export type CatalogFileData = v.InferOutput<typeof CatalogFileSchema>;

/** A catalog with no databases: what a missing catalog file stands for. */
export function emptyCatalog(): CatalogFileData {
  return { format: 'realty-local-catalog', version: 1, Databases: [] };
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const shownIssues = issues
    .slice(0, 3)
    .map((issue) => `${v.getDotPath(issue) ?? 'top level'}: ${issue.message}`);
  return shownIssues.join('; ') + (issues.length > 3 ? `; and ${issues.length - 3} more` : '');
}

function parseCatalog(filePath: string, text: string): CatalogFileData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(
      `catalog file ${filePath} is not valid JSON; restore it from a backup, or delete it and re-register tables and partitions`,
      { cause: error },
    );
  }
  const result = v.safeParse(CatalogFileSchema, json);
  if (!result.success) {
    throw new CatalogError(
      `catalog file ${filePath} does not have the realty-local-catalog v1 shape (${describeIssues(result.issues)}); restore it from a backup, or delete it and re-register tables and partitions`,
    );
  }
  return result.output;
}

/** Reads and checks the catalog file; a missing file is an empty catalog. */
export async function readCatalogFile(filePath: string): Promise<CatalogFileData> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyCatalog();
    throw new CatalogError(`could not read catalog file ${filePath}; check it is readable`, { cause: error });
  }
  return parseCatalog(filePath, text);
}

/** Replaces the catalog file atomically: readers see the old catalog or the new one, never a torn file. */
export async function writeCatalogFile(filePath: string, data: CatalogFileData): Promise<void> {
  try {
    await writeFileAtomic(filePath, new TextEncoder().encode(`${JSON.stringify(data, null, 1)}\n`));
  } catch (error) {
    throw new CatalogError(`could not write catalog file ${filePath}; check its directory is writable`, {
      cause: error,
    });
  }
}
