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

// Partitions committed at once: each file's put waits for its fsync, and overlapping them hides that wait
// (a daily run commits some 36 single-file partitions).
const PARTITIONS_IN_FLIGHT = 8;

/** Puts the partition's staged files, then deletes every other object under its location. */
async function replacePartition(store: ObjectStore, partition: StagedPartition): Promise<void> {
  const keep = new Set(partition.files.map((file) => file.key));
  for (const file of partition.files) {
    await store.put(file.key, await readFile(file.path), { contentType: 'application/vnd.apache.parquet' });
  }
  const stale: string[] = [];
  for await (const object of store.list(partition.location))
    if (!keep.has(object.key)) stale.push(object.key);
  if (stale.length > 0) await store.delete(stale);
}

/**
 * Replaces each partition's stored files with the staged ones: the new files first (a put replaces a
 * same-named object atomically), then every other object of the partition goes. A single-file partition
 * is therefore swapped atomically; readers of a bigger one may see old and new files for a moment.
 * Partitions are independent, so up to PARTITIONS_IN_FLIGHT are replaced at once.
 */
export async function replacePartitions(
  store: ObjectStore,
  partitions: readonly StagedPartition[],
): Promise<void> {
  for (let start = 0; start < partitions.length; start += PARTITIONS_IN_FLIGHT) {
    const chunk = partitions.slice(start, start + PARTITIONS_IN_FLIGHT);
    // Every put of the chunk settles before a failure is thrown: none is left running behind the error.
    const settled = await Promise.allSettled(chunk.map((partition) => replacePartition(store, partition)));
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }
}
