import {
  BatchCreatePartitionCommand,
  type GlueClient,
  type PartitionInput,
  paginateGetPartitions,
} from '@aws-sdk/client-glue';
import { CatalogError } from '../../errors.js';
import type { CatalogColumn, PartitionSpec } from '../../ports/catalog.js';
import { catalogErrorOf } from './glue-errors.js';
import { keyPrefixOf, parquetStorage, s3Location } from './glue-table-input.js';

/** Glue's limit: BatchCreatePartition takes at most 100 partitions per call. */
export const GLUE_PARTITION_BATCH = 100;

export interface PartitionTarget {
  client: GlueClient;
  bucket: string;
  database: string;
  table: string;
  /** The table's data columns: each partition carries them in its storage descriptor, as Glue's crawler does. */
  columns: readonly CatalogColumn[];
}

/** The partitions in input order, each set of values once. */
export function uniquePartitions(partitions: readonly PartitionSpec[]): PartitionSpec[] {
  const seen = new Map<string, PartitionSpec>();
  for (const partition of partitions) {
    const id = JSON.stringify(partition.values);
    if (!seen.has(id)) seen.set(id, partition);
  }
  return [...seen.values()];
}

/** Splits `items` into chunks of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Creates partitions in calls of at most 100; a partition Glue already has counts as done, not as an error.
 * Resolves with how many were new.
 */
export async function createPartitions(
  target: PartitionTarget,
  partitions: readonly PartitionSpec[],
): Promise<number> {
  let added = 0;
  for (const batch of chunks(uniquePartitions(partitions), GLUE_PARTITION_BATCH)) {
    added += await createBatch(target, batch);
  }
  return added;
}

async function createBatch(target: PartitionTarget, batch: readonly PartitionSpec[]): Promise<number> {
  const ref = `${target.database}.${target.table}`;
  const inputs: PartitionInput[] = batch.map((p) => ({
    Values: [...p.values],
    StorageDescriptor: parquetStorage(target.columns, s3Location(target.bucket, p.location)),
  }));
  const response = await target.client
    .send(
      new BatchCreatePartitionCommand({
        DatabaseName: target.database,
        TableName: target.table,
        PartitionInputList: inputs,
      }),
    )
    .catch((error: unknown) => {
      throw catalogErrorOf(error, `add ${batch.length} partitions to ${ref}`);
    });
  const errors = response.Errors ?? [];
  const failed = errors.filter((e) => e.ErrorDetail?.ErrorCode !== 'AlreadyExistsException');
  if (failed.length > 0) {
    const first = failed[0];
    throw new CatalogError(
      `Glue refused ${failed.length} of ${batch.length} partitions of ${ref} (first: ${first?.PartitionValues?.join('/')}: ${first?.ErrorDetail?.ErrorCode}: ${first?.ErrorDetail?.ErrorMessage}); the others were registered, retry the call`,
    );
  }
  return batch.length - errors.length;
}

/** Every partition of a table, following GetPartitions' NextToken across pages, sorted by values. */
export async function listAllPartitions(target: Omit<PartitionTarget, 'columns'>): Promise<PartitionSpec[]> {
  const out: PartitionSpec[] = [];
  const pages = paginateGetPartitions(
    { client: target.client },
    { DatabaseName: target.database, TableName: target.table },
  );
  try {
    for await (const page of pages) {
      for (const partition of page.Partitions ?? []) {
        const location = partition.StorageDescriptor?.Location ?? '';
        out.push({ values: partition.Values ?? [], location: keyPrefixOf(target.bucket, location) });
      }
    }
  } catch (error) {
    throw catalogErrorOf(error, `list the partitions of ${target.database}.${target.table}`);
  }
  return out.sort(compareValues);
}

function compareValues(a: PartitionSpec, b: PartitionSpec): number {
  for (let i = 0; i < Math.max(a.values.length, b.values.length); i += 1) {
    const [x, y] = [a.values[i] ?? '', b.values[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
