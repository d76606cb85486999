import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../src/local/faults/fault-spec.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import {
  compactAndReconcile,
  createFaultWorld,
  type FaultWorld,
  runWithFaults,
} from './helpers/fault-pipeline.js';

describe('faults on demand (realty run --faults SPEC)', { timeout: 120_000 }, () => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await createFaultWorld();
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('survives API, store, poison and consumer-kill faults switched on together, and loses nothing', async () => {
    const spec = parseFaultSpec(
      'api5xx=0.1,api429=0.05,malformed=0.02,kill-consumer=3,store-fail=0.05,store-slow=0.05,store-slow-ms=20,poison=0.02',
    );

    const run = await runWithFaults(world.config, { spec });
    const report = await compactAndReconcile(world.config, run.runId);

    expect(run.faults.consumerKills).toBe(3);
    expect(run.faults.poisoned).toBeGreaterThan(0);
    expect(run.faults.store!.failedBefore + run.faults.store!.failedAfter).toBeGreaterThan(0);
    expect(run.ingest.failedAreas).toEqual([]);
    expectNothingLost(report);
  });

  it('kills the consumer mid-batch and restarts it from committed offsets: raw copies only, dead letters not duplicated, nothing lost', async () => {
    // Poisoned records give every batch dead letters, so a replayed batch would copy them if they were keyed by batch.
    const run = await runWithFaults(world.config, {
      spec: parseFaultSpec('kill-consumer=5,poison=0.1,seed=11'),
    });

    const report = await compactAndReconcile(world.config, run.runId);

    expect(run.faults.consumerKills).toBe(5);
    expect(report.invalid).toBeGreaterThan(0);
    expect(report.duplicates.deadLetter).toBe(0);
    expect(await objectCount(world.dir, 'dead-letter/listings')).toBe(report.invalid);
    expect(report.duplicated).toBe(report.duplicates.raw);
    expectNothingLost(report);
  });
});

/** Files under a prefix of the run's local bucket. */
async function objectCount(dir: string, prefix: string): Promise<number> {
  const entries = await readdir(path.join(dir, 'realty-data', prefix), {
    recursive: true,
    withFileTypes: true,
  });
  return entries.filter((entry) => entry.isFile()).length;
}
