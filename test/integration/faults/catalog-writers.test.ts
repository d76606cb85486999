import { describe, expect, it } from 'vitest';
import { parsePartitionPrefix, RAW_LISTINGS_PREFIX } from '../../../src/domain/partition-path.js';
import { RAW_TABLE } from '../../../src/pipeline/raw-table.js';
import { catalogFor, storeFor } from '../../../src/runtime/assemble.js';
import { compactFromConfig } from '../../../src/runtime/compaction.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import { compactAndReconcile, runWithFaults } from './helpers/fault-pipeline.js';
import { useFaultWorld } from './helpers/fault-test-world.js';

describe('two processes writing the catalog at once', { timeout: 120_000 }, () => {
  const t = useFaultWorld();

  it('keeps every partition both writers registered while the transform and a compaction run together; nothing lost', async () => {
    const run = await runWithFaults(t.world.config, { ingestOnly: true });
    const child = t.start('test/integration/faults/helpers/drain-child.ts', [t.world.dir, '10']);
    await child.until((lines) => lines.some((l) => l.startsWith('put raw/')));

    let compactions = 0;
    while (!child.lines.includes('done')) {
      await compactFromConfig(t.world.config);
      compactions += 1;
    }
    expect(await child.exited()).toBe(0);
    const report = await compactAndReconcile(t.world.config, run.runId);

    const registered = new Set(
      (await catalogFor(t.world.config).listPartitions(t.world.config.database, RAW_TABLE)).map((p) =>
        p.values.join('/'),
      ),
    );
    const onDisk = new Set<string>();
    for await (const object of storeFor(t.world.config).list(RAW_LISTINGS_PREFIX)) {
      const values = parsePartitionPrefix(RAW_LISTINGS_PREFIX, object.key);
      if (values) onDisk.add(`${values.dt}/${values.state}`);
    }
    const tables = (await catalogFor(t.world.config).listTables(t.world.config.database)).map((t) => t.name);

    expect(compactions).toBeGreaterThan(0);
    expect([...onDisk].filter((p) => !registered.has(p))).toEqual([]);
    expect(tables).toEqual(expect.arrayContaining(['listings_raw', 'listings_history', 'listings_current']));
    expectNothingLost(report);
  });
});
