import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import type { TrinoServer } from './helpers/trino-server.js';

const CLI_TIMEOUT_MS = 300_000;

/** A TCP port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}

/** `realty run|query|report --engine trino` as a user types them, against the test run's Trino. */
export function describeTrinoCli(server: () => TrinoServer): void {
  describe('the realty CLI with --engine trino on a live Trino 476', { timeout: CLI_TIMEOUT_MS }, () => {
    let scratch: string;
    let flags: string[];
    beforeAll(async () => {
      scratch = await mkdtemp(path.join(tmpdir(), 'realty-trino-cli-'));
      // The data dir Trino was started over: its bucket directory is Trino's local:///, as with npm run trino:start.
      flags = ['--data-dir', server().dataDir, '--trino-url', server().url];
    });
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true });
    });

    it('syncs Trino at the end of `realty run --engine trino`, and `realty query --engine trino` prints market_summary rows', async () => {
      // One market day: the first run's default backfill of a week would only make the test slower.
      const run = await runCli(['run', '--engine', 'trino', '--listings', '300', '--days', '1', ...flags], {
        timeoutMs: CLI_TIMEOUT_MS,
      });
      const query = await runCli(
        ['query', '--engine', 'trino', ...flags, 'SELECT * FROM market_summary LIMIT 5', '--format', 'json'],
        { timeoutMs: CLI_TIMEOUT_MS },
      );

      expect(run.code, run.stderr).toBe(0);
      const synced = run.stdout.split('\n').find((line) => line.startsWith('  trino '));
      for (const table of ['listings_raw', 'listings_history', 'listings_current']) {
        expect(synced).toMatch(new RegExp(`${table} (created|unchanged), \\d+ new partition`));
      }
      expect(synced).toMatch(/; 5 view\(s\)$/);
      // The run's sample query ran on Trino too.
      expect(run.stdout).toMatch(/Sample query[\s\S]*avg_list_price/);
      expect(query.code, query.stderr).toBe(0);
      const rows = JSON.parse(query.stdout) as Record<string, unknown>[];
      expect(rows).toHaveLength(5);
      expect(Object.keys(rows[0] ?? {})).toEqual(
        expect.arrayContaining([
          'state',
          'postal_code',
          'week_start',
          'active_listings',
          'median_list_price',
        ]),
      );
    });

    it('writes the market report from Trino with `realty report --engine trino`', async () => {
      const out = path.join(scratch, 'report.html');

      const report = await runCli(['report', '--engine', 'trino', ...flags, '--out', out], {
        timeoutMs: CLI_TIMEOUT_MS,
      });

      expect(report.code, report.stderr).toBe(0);
      expect(report.stdout).toContain(`report written to ${out}`);
      expect(await readFile(out, 'utf8')).toContain('<svg');
    });

    it('stops with one line saying to run `npm run trino:start` when Trino does not answer, before a run starts', async () => {
      const url = `http://127.0.0.1:${await closedPort()}`;
      const dataDir = path.join(scratch, 'unreachable');

      const query = await runCli(['query', '--engine', 'trino', '--trino-url', url, 'SELECT 1']);
      const run = await runCli(['run', '--engine', 'trino', '--trino-url', url, '--data-dir', dataDir]);

      for (const result of [query, run]) {
        expect(result.code).toBe(1);
        const lines = result.stderr.trim().split('\n');
        expect(lines, result.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(/could not reach Trino at http:\/\/127\.0\.0\.1:\d+.*`npm run trino:start`/);
        expect(result.stderr).not.toMatch(/^\s+at /m);
      }
      expect(run.stdout).not.toContain('fetched');
    });
  });
}
