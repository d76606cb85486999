import { execFileSync } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactionScope, rowsPerFile } from '../../../../src/compaction/compaction-scope.js';
import { repoRoot } from '../../../helpers/fixtures.js';

const JOBS_DIR = path.join(repoRoot, 'jobs');

/**
 * Runs `body` with plain python3 next to jobs/compact_listings.py imported as `job` and the JSON `input` as
 * `data`; `body` prints JSON. The job's pure functions need no Spark, and they must apply the same rules as
 * the TypeScript domain, or Spark and DuckDB would compact different scopes.
 */
function python(body: string, input: unknown): unknown {
  const script = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(JOBS_DIR)})`,
    'import compact_listings as job',
    'data = json.load(sys.stdin)',
    body,
  ].join('\n');
  return JSON.parse(
    execFileSync('python3', ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' }),
  );
}

/** Each call of `fn` on one set of arguments, in order. */
function callJob(fn: string, argsList: readonly unknown[][]): unknown {
  return python(`print(json.dumps([getattr(job, ${JSON.stringify(fn)})(*args) for args in data]))`, argsList);
}

const day = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const partition = fc.record({ dt: day, state: fc.constantFrom('CA', 'TX', 'NY', 'WA', 'PR') });

describe('the Glue job and the TypeScript domain', () => {
  it('widen changed partitions to the same compaction scope', () => {
    // prepare
    const samples = fc.sample(fc.array(partition, { maxLength: 20 }), 60);

    // act
    const fromJob = callJob(
      'compaction_scope',
      samples.map((changed) => [changed.map((p) => [p.dt, p.state])]),
    );

    // assess
    expect(fromJob).toEqual(samples.map((changed) => compactionScope(changed)));
  });

  it('split partitions into files of the same number of rows', () => {
    // prepare
    const samples = fc.sample(
      fc.tuple(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
      ),
      200,
    );

    // act
    const fromJob = callJob('rows_per_file', samples);

    // assess
    expect(fromJob).toEqual(samples.map(([target, bytes, rows]) => rowsPerFile(target, bytes, rows)));
  });

  it('picks the raw files newer than the watermark, or those of the days asked for (dt-only raw layout)', () => {
    // prepare
    const files = {
      '2026-11-18': [['/dt=2026-11-18/a.parquet', 10, 1_000]],
      '2026-11-19': [['/dt=2026-11-19/b.parquet', 10, 5_000]],
      '2026-11-21': [['/dt=2026-11-21/c.parquet', 10, 9_000]],
    };
    const changed = (options: string[], latest: unknown) =>
      python(
        [
          'args = job.parse_args(["--raw-path", "file:///r", "--curated-path", "file:///c", *data["options"]])',
          'files = {k: [tuple(f) for f in v] for k, v in data["files"].items()}',
          'print(json.dumps([f[0] for f in job.changed_files(args, files, data["latest"])]))',
        ].join('\n'),
        { options, files, latest },
      );

    // act
    const byWatermark = changed([], { watermarkMs: 4_000 });
    const firstRun = changed([], null);
    const byDays = changed(['--dt_from', '2026-11-19', '--dt_to', '2026-11-21'], { watermarkMs: 99_999 });

    // assess
    expect(byWatermark).toEqual(['/dt=2026-11-19/b.parquet', '/dt=2026-11-21/c.parquet']);
    expect(firstRun).toEqual([
      '/dt=2026-11-18/a.parquet',
      '/dt=2026-11-19/b.parquet',
      '/dt=2026-11-21/c.parquet',
    ]);
    expect(byDays).toEqual(['/dt=2026-11-19/b.parquet', '/dt=2026-11-21/c.parquet']);
  });

  it('files raw objects by day only and skips hidden files and old state= paths', () => {
    // act
    const partitions = python('print(json.dumps(job.raw_partitions([tuple(f) for f in data])))', [
      ['/dt=2026-11-18/a.parquet', 10, 1],
      ['/dt=2026-11-18/_b.parquet', 10, 1],
      ['/dt=2026-11-18/state=CA/old.parquet', 10, 1],
    ]);

    // assess
    expect(partitions).toEqual({ '2026-11-18': [['/dt=2026-11-18/a.parquet', 10, 1]] });
  });
});
