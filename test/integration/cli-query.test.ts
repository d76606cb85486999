import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { localCatalog, localPaths, localStore } from '../../src/runtime/local.js';
import { runCli } from '../helpers/cli.js';
import { listingRecords, listingsTable, putPartitions } from '../unit/adapters/query/warehouse.js';

// Issue 18's reproductions, as a user types them: realty query may read the data dir's tables, and nothing else.
describe('realty query confined to the data dir', () => {
  let dataDir: string;
  let curatedFile: string;
  const query = (sql: string) => runCli(['query', '--data-dir', dataDir, sql]);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'realty-query-'));
    const config = loadConfig({}, { dataDir });
    const catalog = localCatalog(config);
    await catalog.ensureDatabase('realty');
    await catalog.ensureTable(listingsTable('listings_current', 'curated/listings_current/'));
    await putPartitions(
      localStore(config),
      'curated/listings_current/',
      listingRecords,
      'part-00000.parquet',
    );
    curatedFile = path.join(
      localPaths(config).bucket,
      'curated/listings_current/dt=2024-02-15/state=CA/part-00000.parquet',
    );
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a SELECT over the tables', async () => {
    const run = await query('SELECT count(*) AS n FROM listings_current');

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`\\b${listingRecords.length}\\b`));
  });

  it("refuses read_csv('/etc/passwd') with exit 2 and prints none of it", async () => {
    const run = await query("SELECT * FROM read_csv('/etc/passwd')");

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/outside the data dir.*\/etc\/passwd.*\[REALTY_QUERY_REFUSED\]/);
    expect(run.stdout + run.stderr).not.toContain('root:');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses COPY over a curated file with exit 2, and listings_current does not change', async () => {
    const before = await readFile(curatedFile);

    const run = await query(`COPY (SELECT 1 AS pwned) TO '${curatedFile}'`);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/COPY statements are not allowed/);
    expect(await readFile(curatedFile)).toEqual(before);
  });

  it('refuses "SELECT 1; COPY ..." whole: prints nothing, writes nothing', async () => {
    const target = path.join(path.dirname(curatedFile), 'part-00001.parquet');

    const run = await query(`SELECT 1; COPY (SELECT 1 AS pwned) TO '${target}'`);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/2 statements/);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
  });

  it.each(["ATTACH '/tmp/x.db' AS x", 'INSTALL httpfs', 'SET threads = 1', 'PRAGMA enable_profiling'])(
    'refuses %j with exit 2',
    async (sql) => {
      const run = await query(sql);

      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/not allowed|read-only/);
    },
  );
});
