import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli } from '../helpers/cli.js';
import { runPython, venvPython } from '../helpers/python-venv.js';
import { queryRows, realtyRun, summaryOf } from './helpers/realty-runs.js';

// pandas reads the file as a data scientist would, and prints what it found.
const PANDAS_READ = `
import sys, json, pandas as pd
path, fmt = sys.argv[1], sys.argv[2]
df = pd.read_parquet(path) if fmt == 'parquet' else pd.read_csv(path)
print(json.dumps({'rows': len(df), 'columns': list(df.columns), 'states': sorted(df['state'].dropna().unique().tolist())}))
`;

// The checks a data scientist would make of a training table: one row per episode, no sale on an unsold one.
const OUTCOMES_READ = `
import sys, json, pandas as pd
df = pd.read_parquet(sys.argv[1])
print(json.dumps({'rows': len(df), 'duplicates': int(df.duplicated(['state', 'property_id', 'listing_id']).sum()),
  'salesOfUnsold': int((df['sale_price'].notna() & (df['outcome'] != 'sold')).sum()),
  'outcomes': sorted(df['outcome'].unique().tolist())}))
`;

interface PandasView {
  rows: number;
  columns: string[];
  states: string[];
}

describe('realty export', () => {
  let dataDir: string;
  let outDir: string;
  let python: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'realty-export-'));
    outDir = await mkdtemp(path.join(tmpdir(), 'realty-export-out-'));
    summaryOf(await realtyRun(dataDir, ['--listings', '300', '--days', '2']));
    python = await venvPython();
  }, 600_000);
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it.each(['parquet', 'csv'] as const)(
    'writes listings_current as %s that pandas reads, every row and column',
    {
      timeout: 120_000,
    },
    async (format) => {
      const out = path.join(outDir, `current.${format}`);
      const [[expectedRows]] = (await queryRows(dataDir, 'SELECT count(*) FROM listings_current')) as [
        [number],
      ];

      const exported = await runCli([
        'export',
        'listings_current',
        '--format',
        format,
        '--out',
        out,
        '--json',
        '--data-dir',
        dataDir,
      ]);

      expect(exported.code, exported.stderr).toBe(0);
      expect(lastJson<{ rows: number }>(exported.stdout).rows).toBe(Number(expectedRows));
      const view = JSON.parse(await runPython(python, PANDAS_READ, [out, format])) as PandasView;
      expect(view.rows).toBe(Number(expectedRows));
      expect(view.columns).toEqual(
        expect.arrayContaining(['property_id', 'list_price', 'state', 'postal_code']),
      );
    },
  );

  it('writes listing_outcomes as Parquet that pandas reads: one row per episode, a sale only on sold ones', {
    timeout: 120_000,
  }, async () => {
    const out = path.join(outDir, 'outcomes.parquet');
    const [[expectedRows]] = (await queryRows(dataDir, 'SELECT count(*) FROM listing_outcomes')) as [
      [number],
    ];

    const exported = await runCli([
      'export',
      'listing_outcomes',
      '--format',
      'parquet',
      '--out',
      out,
      '--data-dir',
      dataDir,
    ]);

    expect(exported.code, exported.stderr).toBe(0);
    const episodes = JSON.parse(await runPython(python, OUTCOMES_READ, [out])) as {
      rows: number;
      duplicates: number;
      salesOfUnsold: number;
      outcomes: string[];
    };
    expect(episodes.rows).toBe(Number(expectedRows));
    expect(episodes.rows).toBeGreaterThan(0);
    expect(episodes.duplicates).toBe(0);
    expect(episodes.salesOfUnsold).toBe(0);
    expect(episodes.outcomes).toEqual(expect.arrayContaining(['active']));
  });

  it('keeps only the rows of a --where, from an investor view', { timeout: 120_000 }, async () => {
    const [[state]] = (await queryRows(dataDir, 'SELECT state FROM market_summary LIMIT 1')) as [[string]];
    const out = path.join(outDir, 'summary.parquet');

    const exported = await runCli([
      'export',
      'market_summary',
      '--out',
      out,
      '--where',
      `state = '${state}'`,
      '--data-dir',
      dataDir,
    ]);

    expect(exported.code, exported.stderr).toBe(0);
    const view = JSON.parse(await runPython(python, PANDAS_READ, [out, 'parquet'])) as PandasView;
    expect(view.rows).toBeGreaterThan(0);
    expect(view.states).toEqual([state]);
  });

  it.each([
    [['export', 'listings', '--out', 'x.parquet'], /unknown table "listings"/],
    [
      ['export', 'listings_current', '--out', 'x.parquet', '--where', '1=1; DROP TABLE t'],
      /--where .* is not an SQL condition/,
    ],
    [
      [
        'export',
        'listings_current',
        '--out',
        'x.parquet',
        '--where',
        "state IN (SELECT * FROM read_csv('/etc/passwd'))",
      ],
      /subquery/,
    ],
    [
      ['export', 'listings_current', '--out', '/no/such/dir/x.parquet'],
      /directory \/no\/such\/dir does not exist/,
    ],
    [['export', 'listings_current', '--format', 'xlsx', '--out', 'x.xlsx'], /unknown --format "xlsx"/],
  ])('refuses %j with exit 2 and a message, no stack trace', { timeout: 60_000 }, async (args, message) => {
    const result = await runCli([...args, '--data-dir', dataDir]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/at .*\.[tj]s:\d+/);
  });

  it('leaves an existing file untouched when the export fails', { timeout: 60_000 }, async () => {
    const out = path.join(outDir, 'keep.csv');
    await writeFile(out, 'kept\n');

    const result = await runCli([
      'export',
      'listings_current',
      '--format',
      'csv',
      '--out',
      out,
      '--where',
      'no_such_column > 1',
      '--data-dir',
      dataDir,
    ]);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no_such_column/);
    expect((await readdir(outDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await runPython(python, 'import sys; print(open(sys.argv[1]).read(), end="")', [out])).toBe(
      'kept\n',
    );
  });
});
