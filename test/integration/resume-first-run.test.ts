import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { FIRST_RUN_DAYS } from '../../src/local/market-state.js';
import type { RunSummary } from '../../src/local/run-pipeline.js';
import { localPaths } from '../../src/runtime/local.js';
import { lastJson, runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/fixtures.js';
import { pollUntil, summaryOf } from './helpers/realty-runs.js';

// Issue 18: SIGKILL during the first run's 8-day backfill; the re-run used to do 1 day (or 3 after
// Ctrl-C) and the all-runs reconcile said "DID NOT COMPLETE" forever.
describe('a first run killed during its backfill', () => {
  let dataDir: string;
  let marketFile: string;
  const daysRun = async () =>
    (JSON.parse(await readFile(marketFile, 'utf8').catch(() => '{}')) as { daysRun?: number }).daysRun ?? 0;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'realty-resume-'));
    marketFile = path.join(localPaths(loadConfig({}, { dataDir })).bucket, 'runs', 'market.json');
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is resumed by the next run over the days it planned, and reconcile stops naming the killed day', async () => {
    const first = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin', 'realty.js'), 'run', '--listings', '300', '--data-dir', dataDir],
      { cwd: repoRoot, stdio: 'ignore' },
    );
    await pollUntil('three market days ingested', async () => (await daysRun()) >= 3, { timeoutMs: 150_000 });
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('close', resolve));
    const done = await daysRun();

    const rerun = await runCli(['run', '--json', '--listings', '300', '--data-dir', dataDir], {
      timeoutMs: 300_000,
    });
    const second = summaryOf({
      ...rerun,
      summary: rerun.code === 0 ? lastJson<RunSummary>(rerun.stdout) : undefined,
    });
    const reconcile = await runCli([
      'reconcile',
      '--from',
      '2000-01-01',
      '--to',
      '2100-12-31',
      '--data-dir',
      dataDir,
    ]);

    expect(done).toBeLessThan(FIRST_RUN_DAYS);
    expect(second.marketDates).toHaveLength(FIRST_RUN_DAYS - done);
    expect(await daysRun()).toBe(FIRST_RUN_DAYS);
    expect(reconcile.stdout).not.toContain('DID NOT COMPLETE');
    expect(reconcile.stdout).toMatch(/: OK\n/);
    expect(reconcile.code).toBe(0);
  }, 400_000);
});
