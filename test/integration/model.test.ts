import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot, sharedFixturesDir } from '../helpers/fixtures.js';
import { realtyRun, summaryOf } from './helpers/realty-runs.js';

interface ModelResult {
  model_mae: number;
  baseline_mae: number;
  rows: { train: number; test: number };
  split: { kind: string; seed?: number; test_fraction?: number };
}

interface OutcomesResult {
  model_mae: number;
  baseline_mae: number;
  rows: { train: number; test: number; sold: number };
  split: { kind: string; by: string; test_from: string };
}

/** The sale days of the sold episodes (a sale-to-list ratio and a sale date) of a listing_outcomes CSV. */
function saleDays(csv: string): string[] {
  const [header = '', ...lines] = csv.trimEnd().split('\n');
  const names = header.split(',');
  const [date, ratio] = [names.indexOf('sale_date'), names.indexOf('sale_to_list_ratio')];
  // Cells split on commas outside quotes: DuckDB quotes a value with a comma in it.
  return lines
    .map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((cell) => cell.replace(/,$/, '')) ?? [])
    .filter((cells) => cells[ratio] !== undefined && cells[ratio] !== '' && cells[date] !== '')
    .map((cells) => String(cells[date]).slice(0, 10));
}

const DATASET = path.join(sharedFixturesDir, 'datasets', 'realtor-data_brokered_by_sample_12885rows.csv');

/** `npm run model -- <args>` as a user types it. */
function npmRunModel(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '-s', 'model', '--', ...args],
      { cwd: repoRoot, timeout: 600_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run model', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-model-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('beats the zip-median baseline on the real dataset’s held-out rows, and says how it split', {
    timeout: 600_000,
  }, async () => {
    const run = await npmRunModel(['--json']);

    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ModelResult;
    expect(result.split).toMatchObject({ kind: 'seeded_random', seed: 42, test_fraction: 0.2 });
    expect(result.rows.train + result.rows.test).toBeGreaterThan(12_800);
    expect(result.model_mae).toBeGreaterThan(0);
    expect(result.model_mae).toBeLessThan(result.baseline_mae);
  });

  it('scores a sale-to-list ratio model on a time-based split of listing_outcomes exported by a run', {
    timeout: 900_000,
  }, async () => {
    // prepare: a run of npm start's size (8 market days), its training table exported as CSV
    const dataDir = path.join(dir, 'data');
    summaryOf(await realtyRun(dataDir, ['--days', '8']));
    const out = path.join(dir, 'outcomes.csv');
    const exported = await runCli([
      'export',
      'listing_outcomes',
      '--format',
      'csv',
      '--out',
      out,
      '--data-dir',
      dataDir,
    ]);
    expect(exported.code, exported.stderr).toBe(0);

    // act
    const run = await npmRunModel(['--json', '--outcomes', out]);

    // assess
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ModelResult & { listing_outcomes: OutcomesResult };
    expect(result.model_mae).toBeLessThan(result.baseline_mae);
    const outcomes = result.listing_outcomes;
    expect(outcomes.split).toMatchObject({ kind: 'time', by: 'sale_date' });
    expect(outcomes.model_mae).toBeGreaterThan(0);
    expect(outcomes.baseline_mae).toBeGreaterThan(0);
    // Time-based: every sale from test_from on is held out, every earlier one trains.
    const sales = saleDays(await readFile(out, 'utf8'));
    expect(outcomes.rows.test).toBe(sales.filter((day) => day >= outcomes.split.test_from).length);
    expect(outcomes.rows.train).toBe(sales.filter((day) => day < outcomes.split.test_from).length);
    expect(outcomes.rows.train).toBeGreaterThanOrEqual(30);
  });

  it('trains and tests on two CSVs given in the dataset’s columns', { timeout: 600_000 }, async () => {
    const [header, ...rows] = (await readFile(DATASET, 'utf8')).trimEnd().split('\n');
    // Every fifth row held out: both files keep the dataset's columns and zips.
    await writeFile(path.join(dir, 'train.csv'), [header, ...rows.filter((_, i) => i % 5 !== 0)].join('\n'));
    await writeFile(path.join(dir, 'test.csv'), [header, ...rows.filter((_, i) => i % 5 === 0)].join('\n'));

    const run = await npmRunModel([
      '--json',
      '--train',
      path.join(dir, 'train.csv'),
      '--test',
      path.join(dir, 'test.csv'),
    ]);

    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ModelResult;
    expect(result.split.kind).toBe('given files');
    expect(result.model_mae).toBeLessThan(result.baseline_mae);
  });

  it('refuses a missing file or a CSV without the dataset’s columns with exit 2 and what was wrong', {
    timeout: 600_000,
  }, async () => {
    await writeFile(path.join(dir, 'few-columns.csv'), 'price,zip_code\n100000,06001\n');

    const missing = await npmRunModel(['--train', path.join(dir, 'nope.csv'), '--test', DATASET]);
    const columns = await npmRunModel(['--train', path.join(dir, 'few-columns.csv'), '--test', DATASET]);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--train file .*nope\.csv does not exist/);
    expect(columns.code).toBe(2);
    expect(columns.stderr).toMatch(/lacks the column\(s\) bed, bath, acre_lot, house_size/);
    expect(columns.stderr).not.toMatch(/Traceback/);
  });
});
