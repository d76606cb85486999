import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli } from '../helpers/cli.js';

interface Summary {
  fetched: number;
  produced: number;
  written: number;
  deadLettered: number;
  partitionsAdded: number;
  marketDates: string[];
}

describe('realty run on embedded defaults', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'realty-run-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('fetches, streams, writes and reconciles: fetched = written + dead-lettered, and SQL counts what was written', async () => {
    const run = await runCli([
      'run',
      '--json',
      '--listings',
      '400',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
    ]);

    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const summary = lastJson<Summary>(run.stdout);
    expect(summary.fetched).toBeGreaterThan(300);
    expect(summary.produced).toBe(summary.fetched);
    expect(summary.fetched).toBe(summary.written + summary.deadLettered);
    const query = await runCli([
      'query',
      'SELECT count(*) AS n FROM listings_raw',
      '--format',
      'json',
      '--data-dir',
      dataDir,
    ]);
    expect(query.code).toBe(0);
    expect(lastJson<{ n: number }[]>(query.stdout)).toEqual([{ n: summary.written }]);
  });

  it('continues from the committed offsets on a second run: the next market day, nothing read twice', async () => {
    const before = lastJson<{ n: number }[]>(
      (
        await runCli([
          'query',
          'SELECT count(*) AS n FROM listings_raw',
          '--format',
          'json',
          '--data-dir',
          dataDir,
        ])
      ).stdout,
    );

    const run = await runCli([
      'run',
      '--json',
      '--listings',
      '400',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
    ]);

    const summary = lastJson<Summary>(run.stdout);
    expect(summary.fetched).toBe(summary.written + summary.deadLettered);
    const after = await runCli([
      'query',
      'SELECT count(*) AS n, count(DISTINCT dt) AS days FROM listings_raw',
      '--format',
      'json',
      '--data-dir',
      dataDir,
    ]);
    expect(lastJson<{ n: number; days: number }[]>(after.stdout)).toEqual([
      { n: before[0]!.n + summary.written, days: 2 },
    ]);
  });

  it('stops on a bad flag value with a message naming the flag, and no stack trace', async () => {
    const run = await runCli(['run', '--bus', 'rabbitmq', '--data-dir', dataDir]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--bus="rabbitmq" must be one of embedded, kafka');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('stops on an unknown flag with commander’s message', async () => {
    const run = await runCli(['run', '--listing', '5']);

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown option '--listing'/);
  });

  it('reports an unreachable API as a failed area and exits non-zero, losing nothing it had', async () => {
    const run = await runCli(
      [
        'run',
        '--json',
        '--api-url',
        'http://127.0.0.1:9',
        '--areas',
        'postal:90004:for_sale',
        '--api-timeout-ms',
        '500',
        '--data-dir',
        dataDir,
        '--log-level',
        'silent',
      ],
      { env: { REALTY_API_KEY: 'test-key-not-secret-1234' } },
    );

    expect(run.code).toBe(1);
    const summary = lastJson<Summary & { failedAreas: { area: string; code: string }[] }>(run.stdout);
    expect(summary.failedAreas).toEqual([
      expect.objectContaining({ area: 'postal:90004:for_sale', code: 'REALTY_API_UNAVAILABLE' }),
    ]);
    expect(summary.fetched).toBe(summary.written + summary.deadLettered);
    expect(run.stdout + run.stderr).not.toContain('test-key-not-secret-1234');
  });
});
