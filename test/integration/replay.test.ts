import { mkdtemp, readdir, rm, truncate, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { localPaths } from '../../src/runtime/local.js';
import { runCli } from '../helpers/cli.js';
import { queryRows, realtyRun, summaryOf } from './helpers/realty-runs.js';

// Issue 18's reproductions: a raw Parquet file cut to 100 bytes, and a raw file deleted. Both used to
// break every query (or lose the records for good while the log still held them).
describe('damaged and deleted raw files: quarantine and realty replay', () => {
  let dataDir: string;
  let bucket: string;
  let rawFiles: string[];
  const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir], { timeoutMs: 170_000 });
  const count = async (sql: string) => Number((await queryRows(dataDir, sql))[0]?.[0]);
  const rowsOf = (file: string) => count(`SELECT count(*) FROM read_parquet('${path.join(bucket, file)}')`);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'realty-replay-'));
    summaryOf(await realtyRun(dataDir, []));
    bucket = localPaths(loadConfig({}, { dataDir })).bucket;
    const entries = await readdir(path.join(bucket, 'raw'), { recursive: true });
    rawFiles = entries.filter((entry) => entry.endsWith('.parquet')).map((entry) => path.join('raw', entry));
  }, 200_000);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('quarantines a raw file cut to 100 bytes: queries answer, reconcile names it, replay restores its rows', async () => {
    const file = rawFiles[0]!;
    const records = await rowsOf(file);
    const current = await count('SELECT count(*) FROM listings_current');
    await truncate(path.join(bucket, file), 100);

    const query = await cli(['query', 'SELECT count(*) AS n FROM listings_current']);
    const reconcile = await cli(['reconcile']);
    const replay = await cli(['replay']);

    expect(query.code).toBe(0);
    expect(query.stderr).toContain(`quarantined ${file}: ends without the PAR1 footer (100 bytes`);
    expect(query.stdout).toMatch(new RegExp(`\\b${current}\\b`));
    expect(reconcile.code).toBe(1);
    expect(reconcile.stdout).toMatch(new RegExp(`lost ${records}\\b`));
    expect(reconcile.stdout).toContain(`QUARANTINED ${file}`);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toContain(`replay: ${records} of ${records} records read back from the event log`);
    expect(replay.stdout).toMatch(/: OK\n\s+fetched (\d+) = raw \1 \+ .* lost 0/);
    expect(await rowsOf(file)).toBe(records);
  }, 400_000);

  it('restores the records of a deleted raw file with lost 0', async () => {
    const file = rawFiles.at(-1)!;
    const records = await rowsOf(file);
    await unlink(path.join(bucket, file));

    const before = await cli(['reconcile', '--json']);
    const replay = await cli(['replay', '--json']);

    expect(JSON.parse(before.stdout)).toMatchObject({ ok: false, lost: records });
    expect(replay.code, replay.stderr).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({
      replay: { wanted: records, found: records, written: records, unrecoverable: 0 },
      reconciliation: { ok: true, lost: 0 },
    });
    expect(await rowsOf(file)).toBe(records);
  }, 400_000);

  it('refuses --offsets that are not topic:partition:first-last with exit 2', async () => {
    const run = await cli(['replay', '--offsets', 'realty.listings.v1:x:1-2']);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not topic:partition:first-last/);
  });
});
