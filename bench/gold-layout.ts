/**
 * What the weekly gold tables' file layout costs a view: the same rows of market_weekly and price_changes read
 * in three layouts, with the catalog view's own read_parquet options (hive partitions, union_by_name, filename):
 * as compaction writes them (one file per week and state), one file per state in zip order, and one file in zip
 * order. Prints the whole answer (every column hashed, as the scale stage measures it) and one zip code's rows,
 * p50 of `--runs`. Reads the scale stage's cached market (`npm run bench -- --only scale` builds it).
 *
 *   npx tsx bench/gold-layout.ts [--market .cache/bench-scale/112000x100-v7] [--runs 7] [--zip 10037]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openBenchDuckDb, sqlString } from './lib/duckdb.js';
import { REPO_ROOT } from './lib/provisioned.js';

const TABLES = {
  market_weekly: 'postal_code, city, week_start',
  price_changes: 'postal_code, property_id, change_dt',
} as const;

const { values } = parseArgs({
  options: {
    market: { type: 'string', default: path.join(REPO_ROOT, '.cache', 'bench-scale', '112000x100-v7') },
    runs: { type: 'string', default: '7' },
    zip: { type: 'string', default: '10037' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`gold-layout: --runs must be a whole number of at least 1, got ${values.runs}`);
  process.exit(2);
}
const curated = path.join(path.resolve(values.market), 'bucket', 'curated');
if (!existsSync(curated)) {
  console.error(
    `gold-layout: no scale market at ${values.market}; build it with npm run bench -- --only scale`,
  );
  process.exit(2);
}

/** The catalog view's scan (src/adapters/query/duckdb-views.ts) over a glob or one file. */
const scan = (files: string, hive: boolean) =>
  `read_parquet(${sqlString(files)}, hive_partitioning = ${hive}, union_by_name = true, filename = true)`;

const db = await openBenchDuckDb();
const out = await mkdtemp(path.join(tmpdir(), 'realty-gold-layout-'));

async function p50(sql: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await db.rows(sql);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] ?? Number.NaN;
}

try {
  for (const [table, order] of Object.entries(TABLES)) {
    const today = scan(path.join(curated, table, '**', '*.parquet'), true);
    const byState = path.join(out, `${table}-state`);
    const oneFile = path.join(out, `${table}.parquet`);
    const rows = `SELECT * EXCLUDE (filename) FROM ${today}`;
    await db.run(
      `COPY (${rows} ORDER BY state, ${order}) TO ${sqlString(byState)} (FORMAT parquet, PARTITION_BY (state), ROW_GROUP_SIZE 20000)`,
    );
    await db.run(
      `COPY (${rows} ORDER BY ${order}) TO ${sqlString(oneFile)} (FORMAT parquet, ROW_GROUP_SIZE 20000)`,
    );
    const layouts: [string, string][] = [
      ['week x state, as compaction writes it', today],
      ['state only, zip order', scan(path.join(byState, '**', '*.parquet'), true)],
      ['one file, zip order', scan(oneFile, false)],
    ];
    for (const [layout, from] of layouts) {
      const [counted] = await db.rows(`SELECT count(DISTINCT filename) AS files, count(*) AS n FROM ${from}`);
      const whole = await p50(
        `SELECT count(*), sum(hash(COLUMNS(*))) FROM (SELECT * EXCLUDE (filename) FROM ${from})`,
      );
      const zip = await p50(
        `SELECT * EXCLUDE (filename) FROM ${from} WHERE postal_code = ${sqlString(values.zip)}`,
      );
      console.log(
        `${table} (${String(counted?.['n'])} rows): ${layout}: ${String(counted?.['files'])} files, ` +
          `whole answer p50 ${whole.toFixed(1)} ms, one zip p50 ${zip.toFixed(1)} ms (load ${loadavg()[0]?.toFixed(1)})`,
      );
    }
  }
} finally {
  db.close();
  await rm(out, { recursive: true, force: true });
}
