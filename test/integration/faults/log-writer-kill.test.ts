import { describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/adapters/event-bus/embedded-log.js';
import { readDeadLetterRefs } from '../../../src/pipeline/reconcile-dead-letters.js';
import { storeFor } from '../../../src/runtime/assemble.js';
import { localPaths } from '../../../src/runtime/local.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import { compactAndReconcile, runWithFaults } from './helpers/fault-pipeline.js';
import { useFaultWorld } from './helpers/fault-test-world.js';
import { queryRows } from './helpers/query-rows.js';

const INGEST = 'test/integration/faults/helpers/ingest-child.ts';

describe('the embedded log’s writer process SIGKILLed mid-append', { timeout: 120_000 }, () => {
  const t = useFaultWorld();

  it('recovers the log with every acknowledged record intact, and the next run reconciles with nothing lost', async () => {
    const child = t.start(INGEST, [t.world.dir]);
    const killAfter = 20 + Math.floor(Math.random() * 150);
    await child.until((lines) => lines.filter((l) => l.startsWith('acked ')).length >= killAfter);
    await child.kill();
    const acked = child.lines.filter((l) => l.startsWith('acked ')).map((l) => l.slice(6));
    const killedRun = `killed-${child.pid}-d0`;

    const log = await openEmbeddedLog({ dir: localPaths(t.world.config).log, readOnly: true });
    const ends = await (await log.consumer({ topic: t.world.config.topic, groupId: 'verify' })).endOffsets();
    await log.close();
    const run = await runWithFaults(t.world.config);
    const report = await compactAndReconcile(t.world.config, run.runId);
    const written = await queryRows<{ at: string }>(
      t.world.config,
      `SELECT DISTINCT CAST(kafka_partition AS VARCHAR) || ' ' || CAST(kafka_offset AS VARCHAR) AS at FROM listings_raw WHERE run_id LIKE 'killed-%'`,
    );

    expect(acked.length).toBeGreaterThanOrEqual(killAfter);
    for (const at of acked) {
      const [partition, offset] = at.split(' ').map(Number) as [number, number];
      expect(ends[partition]!.offset, `acked ${at} is below the recovered end`).toBeGreaterThan(offset);
    }
    const letters = await readDeadLetterRefs(storeFor(t.world.config), new Set([killedRun]), '2000-01-01');
    const landed = new Set([
      ...written.map((w) => w.at),
      ...letters.map((l) => `${l.partition} ${l.offset}`),
    ]);
    expect(acked.filter((at) => !landed.has(at))).toEqual([]);
    expectNothingLost(report);
  });
});
