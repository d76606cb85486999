import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storedPartitions } from '../../../bench/lib/stored-partitions.js';
import { createLocalDirStore } from '../../../src/adapters/object-store/local-dir.js';
import { currentTableDefinition, historyTableDefinition } from '../../../src/pipeline/curated-tables.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function storeWith(keys: readonly string[]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-stored-partitions-'));
  dirs.push(dir);
  const store = createLocalDirStore({ root: dir });
  for (const key of keys) await store.put(key, new Uint8Array([1]));
  return store;
}

describe('the partitions of a table as its files lie in the store', () => {
  it('lists each partition directory holding a data file once, its values in partition-key order', async () => {
    const history = historyTableDefinition('realty');
    const store = await storeWith([
      `${history.location}dt=2026-01-06/state=TX/part-0.parquet`,
      `${history.location}dt=2026-01-05/state=CA/part-0.parquet`,
      `${history.location}dt=2026-01-05/state=CA/part-1.parquet`,
    ]);

    const partitions = await storedPartitions(store, history);

    expect(partitions).toEqual([
      { values: ['2026-01-05', 'CA'], location: `${history.location}dt=2026-01-05/state=CA/` },
      { values: ['2026-01-06', 'TX'], location: `${history.location}dt=2026-01-06/state=TX/` },
    ]);
  });

  it("skips what Hive does not read: hidden directories and files, other files, other keys' directories", async () => {
    const history = historyTableDefinition('realty');
    const store = await storeWith([
      `${history.location}_trino/metastore/dt=2026-01-05/state=CA/x.parquet`,
      `${history.location}dt=2026-01-05/.spark-staging-1/state=CA/x.parquet`,
      `${history.location}dt=2026-01-05/state=CA/_SUCCESS`,
      `${history.location}dt=2026-01-05/state=CA/.part-0.parquet`,
      `${history.location}state=CA/dt=2026-01-05/part-0.parquet`,
    ]);

    expect(await storedPartitions(store, history)).toEqual([]);
  });

  it('gives a table partitioned by state alone its state directories', async () => {
    const current = currentTableDefinition('realty');
    const store = await storeWith([`${current.location}state=NY/part-0.parquet`]);

    expect(await storedPartitions(store, current)).toEqual([
      { values: ['NY'], location: `${current.location}state=NY/` },
    ]);
  });
});
