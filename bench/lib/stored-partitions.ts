/** Partitions of a table as its files lie in the store, for a warehouse whose catalog never saw the runs. */
import type { PartitionSpec, TableDefinition } from '../../src/ports/catalog.js';
import type { ObjectStore } from '../../src/ports/object-store.js';

/**
 * Every `<location><key>=<value>/…/` directory holding a data file of `table`, its keys in the table's
 * partition-key order. Hive's rule: names starting with '.' or '_' are not data (a Trino metastore, a
 * writer's temp files), so files below them are skipped.
 */
export async function storedPartitions(store: ObjectStore, table: TableDefinition): Promise<PartitionSpec[]> {
  const keys = table.partitionKeys.map((key) => key.name);
  if (keys.length === 0) return [];
  const found = new Map<string, PartitionSpec>();
  for await (const object of store.list(table.location)) {
    const below = object.key.slice(table.location.length);
    if (!object.key.endsWith('.parquet') || /(^|\/)[._]/.test(below)) continue;
    const segments = below.split('/').slice(0, keys.length);
    const values = segments.map((segment, index) => {
      const prefix = `${keys[index]}=`;
      return segment.startsWith(prefix) ? segment.slice(prefix.length) : undefined;
    });
    if (values.length !== keys.length || values.some((value) => value === undefined)) continue;
    const location = `${table.location}${segments.join('/')}/`;
    found.set(location, { values: values as string[], location });
  }
  return [...found.values()].sort((a, b) => a.location.localeCompare(b.location));
}
