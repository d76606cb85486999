import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../bench/lib/bench-args.js';
import { figure } from '../../../bench/lib/figure.js';
import { writeResults } from '../../../bench/lib/results.js';
import { readServerlessBundling } from '../../../bench/lib/serverless-config.js';
import { figureTable } from '../../../bench/lib/table.js';
import { quantile, summarize } from '../../../bench/lib/timing.js';
import { UsageError } from '../../../src/errors.js';

describe('bench figures', () => {
  it('gives a rate its ratio as value over baseline, so higher is better', () => {
    const made = figure({
      name: 'transform',
      value: 30,
      unit: 'records/s',
      baseline: 'ceiling',
      baselineValue: 50,
    });

    expect(made.ratio).toBe(0.6);
  });

  it('inverts the ratio of a time or a size, so higher is still better', () => {
    const made = figure(
      { name: 'query', value: 200, unit: 'ms', baseline: 'scan', baselineValue: 50 },
      'lowerIsBetter',
    );

    expect(made.ratio).toBe(0.25);
  });

  it('writes results.json as a JSON array of figures with exactly the agreed keys', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'realty-bench-lib-'));
    const file = path.join(dir, 'nested', 'results.json');
    const figures = [figure({ name: 'a', value: 1, unit: 'u', baseline: 'b', baselineValue: 2 })];

    await writeResults(file, figures);

    const read = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[];
    expect(read).toEqual(figures);
    expect(Object.keys(read[0]!)).toEqual(['name', 'value', 'unit', 'baseline', 'baselineValue', 'ratio']);
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one table row per figure', () => {
    const table = figureTable([
      figure({ name: 'x', value: 12_345.6, unit: 'u', baseline: 'b', baselineValue: 1 }),
    ]);

    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('| x | 12,346 | u | b | 1 | 12345.60 |');
  });
});

describe('bench timing', () => {
  it('takes p50 and p95 by nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);

    expect(quantile(values, 0.5)).toBe(10);
    expect(quantile(values, 0.95)).toBe(19);
    expect(quantile([7], 0.95)).toBe(7);
  });

  it('keeps the sample with the least CPU time as the best', () => {
    const timed = summarize([
      { wallMs: 5, cpuMs: 9 },
      { wallMs: 9, cpuMs: 4 },
      { wallMs: 7, cpuMs: 6 },
    ]);

    expect(timed.best).toEqual({ wallMs: 9, cpuMs: 4 });
    expect(timed.median).toEqual({ wallMs: 7, cpuMs: 6 });
  });
});

describe('bench arguments', () => {
  it('takes sizes from flags first, then BENCH_* variables, then defaults', () => {
    const args = parseBenchArgs(['--transform-records', '2000'], {
      BENCH_TRANSFORM_RECORDS: '5',
      BENCH_QUERY_ROWS: '1_000',
    });

    expect(args.sizes.transformRecords).toBe(2000);
    expect(args.sizes.queryRows).toBe(1000);
    expect(args.sizes.batchRecords).toBe(1000);
    expect(args.only).toContain('transform');
  });

  it('refuses an unknown benchmark or a size that is not a whole number, saying which', () => {
    expect(() => parseBenchArgs(['--only', 'transform,nope'], {})).toThrow(UsageError);
    expect(() => parseBenchArgs(['--only', 'nope'], {})).toThrow(/unknown benchmark "nope"/);
    expect(() => parseBenchArgs([], { BENCH_QUERY_RUNS: '2.5' })).toThrow(
      /--query-runs \(BENCH_QUERY_RUNS\)/,
    );
  });
});

describe('serverless.yml bundling, as the bundles benchmark reads it', () => {
  it('reads custom.esbuild and every function handler', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'realty-sls-'));
    const file = path.join(dir, 'serverless.yml');
    await writeFile(
      file,
      [
        'custom:',
        '  esbuild:',
        '    bundle: true',
        '    minify: false',
        '    # a comment',
        '    format: cjs',
        '    outputFileExtension: .cjs',
        '    exclude:',
        '      - "@duckdb/node-api"',
        '      - aws-sdk',
        '  other: 1',
        'functions:',
        '  ingest:',
        '    handler: handlers/ingest.handler',
        '    timeout: 900',
        '  transform:',
        '    handler: handlers/transform.handler',
        'resources:',
      ].join('\n'),
    );

    const read = await readServerlessBundling(file);

    expect(read.esbuild).toMatchObject({
      bundle: true,
      minify: false,
      format: 'cjs',
      external: ['@duckdb/node-api', 'aws-sdk'],
    });
    expect(read.outputExtension).toBe('.cjs');
    expect(read.functions.map((f) => [f.name, path.basename(f.entry)])).toEqual([
      ['ingest', 'ingest.ts'],
      ['transform', 'transform.ts'],
    ]);
    await rm(dir, { recursive: true, force: true });
  });
});
