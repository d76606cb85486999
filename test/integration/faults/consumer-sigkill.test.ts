import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../src/domain/fault-spec.js';
import { type Child, startChild } from './helpers/child-process.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import {
  compactAndReconcile,
  createFaultWorld,
  type FaultWorld,
  runWithFaults,
} from './helpers/fault-pipeline.js';

const DRAIN = 'test/integration/faults/helpers/drain-child.ts';
async function deadLetterObjects(dir: string): Promise<number> {
  const where = path.join(dir, 'realty-data', 'dead-letter', 'listings');
  const entries = await readdir(where, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}
const puts = (lines: readonly string[]) => lines.filter((line) => line.startsWith('put ')).length;

describe('the consumer process SIGKILLed mid-batch', { timeout: 120_000 }, () => {
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

  it('restarts from committed offsets after kills at random points: nothing lost, dead letters not duplicated', async () => {
    // Drifted results give the run dead letters, so a replayed batch could duplicate them.
    const run = await runWithFaults(world.config, { spec: parseFaultSpec('drift=0.1'), ingestOnly: true });
    const killPoints: number[] = [];

    for (let kill = 0; kill < 2; kill += 1) {
      child = startChild(DRAIN, [world.dir, '15']);
      const atPut = 1 + Math.floor(Math.random() * 25);
      killPoints.push(atPut);
      await child.until((lines) => puts(lines) >= atPut || lines.includes('done'));
      await child.kill();
    }
    child = startChild(DRAIN, [world.dir, '0']);
    const code = await child.exited();
    child = undefined;
    const report = await compactAndReconcile(world.config, run.runId);

    expect(code, `killed after puts ${killPoints.join(', ')}`).toBe(0);
    expect(report.invalid, 'the run has dead letters').toBeGreaterThan(0);
    expect(report.duplicates.deadLetter, 'replayed batches overwrite their dead letters').toBe(0);
    expect(await deadLetterObjects(world.dir), 'one dead letter per rejected record').toBe(report.invalid);
    expect(report.fetched).toBe(run.ingest.fetched);
    expectNothingLost(report);
  });
});
