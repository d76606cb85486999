import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../src/local/faults/fault-spec.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import {
  compactAndReconcile,
  createFaultWorld,
  type FaultWorld,
  runWithFaults,
} from './helpers/fault-pipeline.js';

describe('API storms, each ending with a reconciliation', { timeout: 120_000 }, () => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await createFaultWorld();
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('rides out a 429 storm, honouring Retry-After, and loses nothing', async () => {
    const run = await runWithFaults(world.config, {
      spec: parseFaultSpec('api429=0.1'),
      sandbox: { rateLimitPerSecond: 6, retryAfter: 'seconds' },
    });

    const report = await compactAndReconcile(world.config, run.runId);

    expect(run.ingest.failedAreas).toEqual([]);
    expect(run.ingest.rateLimited).toBeGreaterThan(0);
    expect(run.sandbox!.rateLimited + run.faults.api!.tooMany).toBeGreaterThan(0);
    expect(report.fetched).toBeGreaterThan(50);
    expectNothingLost(report);
  });

  it('retries 5xx bursts, connection resets and timeouts, and loses nothing', async () => {
    const run = await runWithFaults(world.config, {
      spec: parseFaultSpec('api5xx=0.2,reset=0.1,timeout=0.05'),
      client: { timeoutMs: 400 },
    });

    const report = await compactAndReconcile(world.config, run.runId);

    expect(run.sandbox!.faults.server_error + run.sandbox!.faults.reset).toBeGreaterThan(0);
    expect(run.ingest.retries).toBeGreaterThan(0);
    expect(report.fetched).toBe(run.ingest.fetched);
    expectNothingLost(report);
  });

  it('retries truncated and malformed JSON bodies, and loses nothing', async () => {
    const run = await runWithFaults(world.config, { spec: parseFaultSpec('truncated=0.15,malformed=0.15') });

    const report = await compactAndReconcile(world.config, run.runId);

    expect(run.sandbox!.faults.truncated + run.sandbox!.faults.malformed).toBeGreaterThan(0);
    expect(run.ingest.failedAreas).toEqual([]);
    expectNothingLost(report);
  });

  it('sends results with missing, renamed or wrongly typed fields to dead-letter, and loses nothing', async () => {
    const run = await runWithFaults(world.config, { spec: parseFaultSpec('drift=0.2') });

    const report = await compactAndReconcile(world.config, run.runId);

    const drifted = Object.values(run.sandbox!.drifted).reduce((a, b) => a + b, 0);
    expect(drifted).toBeGreaterThan(0);
    expect(report.invalid).toBeGreaterThan(0);
    expectNothingLost(report);
  });
});
