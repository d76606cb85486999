/**
 * A daily compaction's time by DuckDB statement, beside a bare `COPY … PARTITION_BY (dt, state)` of the same raw
 * day, on the synthetic market (bench/lib/synthetic-market.ts): `--days` days compacted first (cached under
 * `--dir`), then `--runs` daily runs of the next day, each on a fresh copy of that bucket.
 *
 * `--settings 512MB/2,1GB/2` alternates DuckDB memory_limit/threads between runs (default: the compactor's own),
 * `--sql-dirs a,b` the spec's directory (e.g. an earlier version of jobs/compaction, against the current one).
 *
 *   npx tsx bench/compaction-profile.ts [--listings 112000] [--days 10] [--runs 2] [--dir /tmp/realty-profile]
 */
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDuckDbCompactor } from '../src/adapters/compactor/duckdb.js';
import { createLocalDirStore } from '../src/adapters/object-store/local-dir.js';
import { changedPartitions } from '../src/compaction/compaction-scope.js';
import { RAW_LISTINGS_PREFIX } from '../src/domain/partition-path.js';
import type { ObjectStore } from '../src/ports/object-store.js';
import { startRssSampler } from './lib/rss-sampler.js';
import { bareCopy, compactDays, dayOf, rawFilesOf, writeSyntheticDays } from './lib/scale-warehouse.js';

const CHUNK_DAYS = 5;

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function history(dir: string, listings: number, days: number): Promise<string> {
  const bucket = path.join(dir, `${listings}x${days}`, 'bucket');
  if (await exists(bucket)) return bucket;
  const store = createLocalDirStore({ root: bucket });
  for (let from = 0; from < days; from += CHUNK_DAYS) {
    const to = Math.min(days, from + CHUNK_DAYS);
    await writeSyntheticDays(store, { listings, firstDay: dayOf(0) }, from, to);
    await compactDays(store, dir, from, to);
  }
  return bucket;
}

interface Settings {
  memoryLimit?: string;
  threads?: number;
  sqlDir?: string;
}

function parseSettings(text: string | undefined): Settings[] {
  if (!text) return [{}];
  return text.split(',').map((item) => {
    const [memoryLimit, threads] = item.split('/');
    return { ...(memoryLimit ? { memoryLimit } : {}), ...(threads ? { threads: Number(threads) } : {}) };
  });
}

async function dailyRun(store: ObjectStore, tempDir: string, day: number, settings: Settings) {
  const files = await rawFilesOf(store, dayOf(day), dayOf(day));
  const statements = new Map<string, number>();
  const compactor = createDuckDbCompactor({
    store,
    tempDir,
    ...settings,
    onStatement: (what, ms) => statements.set(what, (statements.get(what) ?? 0) + ms),
  });
  const rss = startRssSampler(50);
  const started = performance.now();
  const manifest = await compactor.compact({
    runId: `profile-${dayOf(day)}`,
    database: 'realty',
    partitions: changedPartitions(files, RAW_LISTINGS_PREFIX, undefined),
    targetFileBytes: 128 * 2 ** 20,
    watermarkMs: 1_000,
  });
  rss.stop();
  return { ms: performance.now() - started, rows: manifest.input.rows, peakMb: rss.peakMb(), statements };
}

const { values } = parseArgs({
  options: {
    listings: { type: 'string', default: '112000' },
    days: { type: 'string', default: '10' },
    runs: { type: 'string', default: '2' },
    dir: { type: 'string', default: '/tmp/realty-profile' },
    settings: { type: 'string' },
    'sql-dirs': { type: 'string' },
  },
});
const [listings, days, runs] = [Number(values.listings), Number(values.days), Number(values.runs)];
const base = await history(values.dir, listings, days);
const settingsList = parseSettings(values.settings);
for (let run = 0; run < runs; run += 1) {
  const work = path.join(values.dir, `run-${run}`);
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await cp(base, path.join(work, 'bucket'), { recursive: true });
  const store = createLocalDirStore({ root: path.join(work, 'bucket') });
  await writeSyntheticDays(store, { listings, firstDay: dayOf(0) }, days, days + 1);
  const sqlDirs = values['sql-dirs']?.split(',') ?? [];
  const sqlDir = sqlDirs[run % Math.max(1, sqlDirs.length)];
  const settings = { ...(settingsList[run % settingsList.length] ?? {}), ...(sqlDir ? { sqlDir } : {}) };
  const daily = await dailyRun(store, work, days, settings);
  const files = (await rawFilesOf(store, dayOf(days), dayOf(days))).map((file) => store.uri(file.key));
  const copyMs = (await bareCopy(files, path.join(work, 'bare'))).ms;
  // The floor of a run that rewrites them: a bare COPY of each state-partitioned table it wrote.
  const floor = [];
  for (const table of ['listings_current', 'listing_outcomes']) {
    const curated = [];
    for await (const object of store.list(`curated/${table}/`))
      if (object.key.endsWith('.parquet')) curated.push(store.uri(object.key));
    floor.push((await bareCopy(curated, path.join(work, `bare-${table}`), 'state')).ms);
  }
  const [currentMs = 0, outcomesMs = 0] = floor;
  const top = [...daily.statements]
    .sort((a, b) => b[1] - a[1])
    .map(([what, ms]) => `${what} ${Math.round(ms)}`);
  console.log(
    `${dayOf(days)} ${JSON.stringify(settings)}: ${daily.rows} rows in ${Math.round(daily.ms)} ms, peak ${Math.round(daily.peakMb)} MB; ` +
      `bare COPY ${Math.round(copyMs)} ms; ratio ${(copyMs / daily.ms).toFixed(3)}\n` +
      `  floor: bare COPY of listings_current ${Math.round(currentMs)} ms, of listing_outcomes ${Math.round(outcomesMs)} ms: ` +
      `a run rewriting both is at best ${(copyMs / (copyMs + currentMs + outcomesMs)).toFixed(2)} of the bare COPY\n  ${top.join('\n  ')}`,
  );
  await rm(work, { recursive: true, force: true });
}
