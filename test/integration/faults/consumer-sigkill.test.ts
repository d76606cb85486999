import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../src/local/faults/fault-spec.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import { compactAndReconcile, runWithFaults } from './helpers/fault-pipeline.js';
import { useFaultWorld } from './helpers/fault-test-world.js';

const DRAIN = 'test/integration/faults/helpers/drain-child.ts';
async function deadLetterObjects(dir: string): Promise<number> {
  const where = path.join(dir, 'realty-data', 'dead-letter', 'listings');
  const entries = await readdir(where, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}
const puts = (lines: readonly string[]) => lines.filter((line) => line.startsWith('put ')).length;

describe('the consumer process SIGKILLed mid-batch', { timeout: 120_000 }, () => {
  const t = useFaultWorld();

  it('restarts from committed offsets after kills at random points: nothing lost, dead letters not duplicated', async () => {
    // Drifted results give the run dead letters, so a replayed batch could duplicate them.
    const run = await runWithFaults(t.world.config, { spec: parseFaultSpec('drift=0.1'), ingestOnly: true });
    const killPoints: number[] = [];

    for (let kill = 0; kill < 2; kill += 1) {
      const child = t.start(DRAIN, [t.world.dir, '15']);
      const atPut = 1 + Math.floor(Math.random() * 25);
      killPoints.push(atPut);
      await child.until((lines) => puts(lines) >= atPut || lines.includes('done'));
      await child.kill();
    }
    const code = await t.start(DRAIN, [t.world.dir, '0']).exited();
    const report = await compactAndReconcile(t.world.config, run.runId);

    expect(code, `killed after puts ${killPoints.join(', ')}`).toBe(0);
    expect(report.invalid, 'the run has dead letters').toBeGreaterThan(0);
    expect(report.duplicates.deadLetter, 'replayed batches overwrite their dead letters').toBe(0);
    expect(await deadLetterObjects(t.world.dir), 'one dead letter per rejected record').toBe(report.invalid);
    expect(report.fetched).toBe(run.ingest.fetched);
    expectNothingLost(report);
  });
});
