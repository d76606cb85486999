import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../src/adapters/event-bus/embedded-log.js';
import { readDeadLetterRefs } from '../../../src/pipeline/reconcile-dead-letters.js';
import { storeFor } from '../../../src/runtime/assemble.js';
import { localPaths } from '../../../src/runtime/local.js';
import { type Child, startChild } from './helpers/child-process.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import {
  compactAndReconcile,
  createFaultWorld,
  type FaultWorld,
  runWithFaults,
} from './helpers/fault-pipeline.js';
import { queryRows } from './helpers/query-rows.js';

const INGEST = 'test/integration/faults/helpers/ingest-child.ts';

describe('the embedded log’s writer process SIGKILLed mid-append', { timeout: 120_000 }, () => {
  let world: FaultWorld;
  let child: Child | undefined;
  beforeEach(async () => {
    world = await createFaultWorld();
  });
  afterEach(async () => {
    await child?.kill();
    child = undefined;
    await world.cleanup();
  });

  it('recovers the log with every acknowledged record intact, and the next run reconciles with nothing lost', async () => {
    child = startChild(INGEST, [world.dir]);
    const killAfter = 20 + Math.floor(Math.random() * 150);
    await child.until((lines) => lines.filter((l) => l.startsWith('acked ')).length >= killAfter);
    await child.kill();
    const acked = child.lines.filter((l) => l.startsWith('acked ')).map((l) => l.slice(6));
    const killedRun = `killed-${child.pid}-d0`;
    child = undefined;

    const log = await openEmbeddedLog({ dir: localPaths(world.config).log, readOnly: true });
    const ends = await (await log.consumer({ topic: world.config.topic, groupId: 'verify' })).endOffsets();
    await log.close();
    const run = await runWithFaults(world.config);
    const report = await compactAndReconcile(world.config, run.runId);
    const written = await queryRows<{ at: string }>(
      world.config,
      `SELECT DISTINCT CAST(kafka_partition AS VARCHAR) || ' ' || CAST(kafka_offset AS VARCHAR) AS at FROM listings_raw WHERE run_id LIKE 'killed-%'`,
    );

    expect(acked.length).toBeGreaterThanOrEqual(killAfter);
    for (const at of acked) {
      const [partition, offset] = at.split(' ').map(Number) as [number, number];
      expect(ends[partition]!.offset, `acked ${at} is below the recovered end`).toBeGreaterThan(offset);
    }
    const letters = await readDeadLetterRefs(storeFor(world.config), new Set([killedRun]), '2000-01-01');
    const landed = new Set([
      ...written.map((w) => w.at),
      ...letters.map((l) => `${l.partition} ${l.offset}`),
    ]);
    expect(acked.filter((at) => !landed.has(at))).toEqual([]);
    expectNothingLost(report);
  });
});
