import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { dataFileValues, type PartitionKeyName } from '../../compaction/compaction-scope.js';
import { CompactionError } from '../../errors.js';
import type { ObjectStore } from '../../ports/object-store.js';

export interface StagedFile {
  /** Where the engine wrote it. */
  path: string;
  /** Its key in the table. */
  key: string;
  bytes: number;
}

/** One curated partition written to the staging directory, waiting to replace the stored one. */
export interface StagedPartition {
  values: string[];
  /** The partition's key prefix in the store, e.g. 'curated/listings_current/state=CA/'. */
  location: string;
  files: StagedFile[];
}

const FILE_INDEX = /^file_index=(\d+)$/;

/**
 * The partitions a partitioned COPY wrote under `dir` (`k=v/.../file_index=N/<name>.parquet`), with
 * store keys `part-NNNNN.parquet` numbered in file-index order, so a re-run writes the same keys.
 */
export async function stagedPartitions(
  dir: string,
  tablePrefix: string,
  keys: readonly PartitionKeyName[],
): Promise<StagedPartition[]> {
  const entries = (await readdir(dir, { recursive: true }))
    .filter((entry) => entry.endsWith('.parquet'))
    .sort();
  const byLocation = new Map<string, { values: string[]; found: { index: number; file: string }[] }>();
  for (const entry of entries) {
    const segments = entry.split(path.sep);
    const indexMatch = FILE_INDEX.exec(segments.at(-2) ?? '');
    const partitionPath = segments.slice(0, -2).join('/');
    const values = dataFileValues(tablePrefix, keys, `${tablePrefix}${partitionPath}/x.parquet`);
    if (!indexMatch || !values) {
      throw new CompactionError(
        `DuckDB staged ${entry} outside a ${keys.join('/')} partition; the partition values must be valid (dt YYYY-MM-DD, state XX)`,
      );
    }
    const location = `${tablePrefix}${partitionPath}/`;
    const group = byLocation.get(location) ?? { values, found: [] };
    group.found.push({ index: Number(indexMatch[1]), file: path.join(dir, entry) });
    byLocation.set(location, group);
  }
  const partitions: StagedPartition[] = [];
  for (const [location, { values, found }] of byLocation) {
    found.sort((a, b) => a.index - b.index || (a.file < b.file ? -1 : 1));
    const files = await Promise.all(
      found.map(async ({ file }, n) => ({
        path: file,
        key: `${location}part-${String(n).padStart(5, '0')}.parquet`,
        bytes: (await stat(file)).size,
      })),
    );
    partitions.push({ values, location, files });
  }
  return partitions.sort((a, b) => (a.location < b.location ? -1 : 1));
}

/**
 * Replaces each partition's stored files with the staged ones: the new files first (a put replaces a
 * same-named object atomically), then every other object of the partition goes. A single-file partition
 * is therefore swapped atomically; readers of a bigger one may see old and new files for a moment.
 */
export async function replacePartitions(
  store: ObjectStore,
  partitions: readonly StagedPartition[],
  onPartition?: (done: number, total: number) => void,
): Promise<void> {
  for (const [done, partition] of partitions.entries()) {
    const keep = new Set(partition.files.map((file) => file.key));
    for (const file of partition.files) {
      await store.put(file.key, await readFile(file.path), { contentType: 'application/vnd.apache.parquet' });
    }
    const stale: string[] = [];
    for await (const object of store.list(partition.location))
      if (!keep.has(object.key)) stale.push(object.key);
    if (stale.length > 0) await store.delete(stale);
    onPartition?.(done + 1, partitions.length);
  }
}
