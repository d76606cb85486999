import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunFaults } from '../../src/local/run-pipeline.js';
import { lastJson, runCli } from '../helpers/cli.js';

interface FaultedRun {
  fetched: number;
  failedAreas: unknown[];
  faults: RunFaults;
  reconciliation: {
    fetched: number;
    raw: number;
    deadLettered: number;
    lost: number;
    duplicated: number;
    duplicates: { deadLetter: number };
    ok: boolean;
  };
}

describe('realty run --faults', { timeout: 180_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'realty-run-faults-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('injects API, poison and consumer-kill faults, says what fired, and still reconciles with nothing lost or duplicated', async () => {
    const spec = 'api5xx=0.1,api429=0.1,malformed=0.02,kill-consumer=3,poison=0.03,seed=3';

    // Batches of 2 (not the default 10,000): 300 listings must make enough writes for three kills.
    const run = await runCli(
      [
        'run',
        '--json',
        '--faults',
        spec,
        '--days',
        '1',
        '--listings',
        '300',
        '--batch-size',
        '2',
        '--data-dir',
        dataDir,
      ],
      { timeoutMs: 170_000 },
    );

    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code, run.stderr).toBe(0);
    const summary = lastJson<FaultedRun>(run.stdout);
    expect(summary.faults.spec).toBe(spec);
    expect(summary.faults.consumerKills).toBe(3);
    expect(summary.faults.sandbox?.faults.server_error).toBeGreaterThan(0);
    expect(summary.faults.api?.tooMany).toBeGreaterThan(0);
    expect(summary.faults.poisoned).toBeGreaterThan(0);
    expect(summary.failedAreas).toEqual([]);
    const r = summary.reconciliation;
    expect(r.fetched).toBe(summary.fetched);
    expect(r.raw + r.deadLettered).toBe(r.fetched);
    expect(r.deadLettered, 'poisoned records are dead-lettered').toBeGreaterThanOrEqual(
      summary.faults.poisoned,
    );
    expect(r.lost).toBe(0);
    expect(r.duplicated).toBe(0);
    expect(r.duplicates.deadLetter).toBe(0);
    expect(r.ok).toBe(true);
  });

  it('stops before anything runs, in one line naming the bad fault, when the spec is invalid', async () => {
    const run = await runCli(['run', '--faults', 'api5xx=0.1,kil-consumer=3', '--data-dir', dataDir]);

    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `realty: --faults unknown fault "kil-consumer" (did you mean "kill-consumer"?); known faults: api5xx, api429, timeout, reset, truncated, malformed, slow, drift, kill-consumer, store-fail, store-slow, store-slow-ms, poison, seed [REALTY_USAGE]`,
    );
  });
});
