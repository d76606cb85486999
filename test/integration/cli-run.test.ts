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

  // The first run is `npm start`'s: the default market and days.
  it('fetches, streams, writes and reconciles: fetched = written + dead-lettered, and SQL counts what was written', {
    timeout: 180_000,
  }, async () => {
    const run = await runCli(['run', '--json', '--data-dir', dataDir, '--log-level', 'warn'], {
      timeoutMs: 170_000,
    });

    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const summary = lastJson<Summary>(run.stdout);
    // The first run over the sandbox backfills a week and a day (FIRST_RUN_DAYS).
    expect(summary.marketDates).toHaveLength(8);
    // Backfilled, never ahead: the eighth market day is today.
    expect(summary.marketDates.at(-1)).toBe(new Date().toISOString().slice(0, 10));
    expect(summary.fetched).toBeGreaterThan(8 * 2000);
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

  it('leaves every investor view with rows after the first run, week over week included', async () => {
    const views = ['market_summary', 'price_history', 'rental_yield', 'deal_screen', 'market_momentum'];
    const sql = `SELECT ${views.map((v) => `(SELECT count(*) FROM ${v}) AS ${v}`).join(', ')}`;

    const query = await runCli(['query', sql, '--format', 'json', '--data-dir', dataDir]);

    expect(query.code).toBe(0);
    const [counts] = lastJson<Record<string, number>[]>(query.stdout);
    for (const view of views) expect(counts?.[view], view).toBeGreaterThan(0);
  });

  it('refuses to change the market size of an existing data dir, naming both sizes and the way on', async () => {
    const run = await runCli(['run', '--listings', '500', '--days', '1', '--data-dir', dataDir]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--listings 500 \(its market has 3000 listings\)/);
    expect(run.stderr).toMatch(/new --data-dir/);
  });

  it('refuses a second default run the same day: the market is up to date through today', async () => {
    const run = await runCli(['run', '--data-dir', dataDir]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/up to date.*--days 1/);
  });

  it('continues from the committed offsets on a second run: the next market day, nothing read twice', {
    timeout: 300_000,
  }, async () => {
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

    // --days 1 asks for the day after today: the simulated market runs ahead only when asked.
    const run = await runCli(['run', '--json', '--days', '1', '--data-dir', dataDir, '--log-level', 'warn'], {
      timeoutMs: 280_000,
    });

    const summary = lastJson<Summary & { daysAfterToday: number }>(run.stdout);
    expect(summary.marketDates).toHaveLength(1);
    expect(summary.daysAfterToday).toBe(1);
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
      { n: before[0]!.n + summary.written, days: 9 },
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

  it('reports an unreachable API as a failed area and exits non-zero, losing nothing it had', {
    timeout: 90_000,
  }, async () => {
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
