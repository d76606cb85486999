import { dataFilePartition, isWeekInScope, type ScopeEntry } from '../../compaction/compaction-scope.js';
import type { TableDefinition } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { StagedPartition } from './staged-partitions.js';

/**
 * Keys of a weekly gold table's stored partitions that the run rebuilt and found empty: a week of the scope
 * with no row now (say, late data moved a state's only price change of a week to the week before) must not
 * keep the rows of an earlier run.
 */
export async function staleWeekKeys(
  store: ObjectStore,
  table: TableDefinition,
  scope: readonly ScopeEntry[],
  staged: readonly StagedPartition[],
): Promise<string[]> {
  const written = new Set(staged.map((partition) => partition.location));
  const keys: string[] = [];
  for await (const object of store.list(table.location)) {
    const partition = dataFilePartition(table.location, object.key);
    if (!partition || !isWeekInScope(scope, partition)) continue;
    const location = `${table.location}dt=${partition.dt}/state=${partition.state}/`;
    if (!written.has(location)) keys.push(object.key);
  }
  return keys;
}
