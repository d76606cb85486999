import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSparkCompactor, sparkJobArgs } from '../../../../src/adapters/compactor/spark.js';
import { runJobProcess } from '../../../../src/adapters/compactor/spark-process.js';
import { createLocalDirStore } from '../../../../src/adapters/object-store/local-dir.js';
import { CompactionError, ConfigError } from '../../../../src/errors.js';
import type { CompactionProgress } from '../../../../src/ports/compactor.js';
import { InMemoryObjectStore } from '../../../helpers/in-memory-object-store.js';

const request = {
  runId: 'run-7',
  database: 'realty',
  partitions: [
    { dt: '2026-11-20', state: 'CA' },
    { dt: '2026-11-21', state: 'TX' },
  ],
  targetFileBytes: 1_000_000,
  watermarkMs: 1_795_000_000_000,
};

/** A stand-in job: a Node script that speaks the job's stdout protocol (jobs/compact_listings.py `emit`). */
function fakeJob(lines: readonly string[], then: 'exit0' | 'exit1' | 'hang') {
  const tail = { exit0: 'process.exit(0)', exit1: 'process.exit(1)', hang: 'setInterval(() => {}, 1000)' }[
    then
  ];
  const script = `for (const line of ${JSON.stringify(lines)}) console.log(line); console.error('log4j noise'); ${tail}`;
  return { command: process.execPath, args: ['-e', script], cwd: tmpdir(), env: {} };
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the Spark compactor', () => {
  it('passes the job the arguments Glue would, with file:// URIs of the local bucket', async () => {
    // prepare
    const root = await mkdtemp(path.join(tmpdir(), 'realty-spark-args-'));
    dirs.push(root);

    // act
    const args = sparkJobArgs(createLocalDirStore({ root }), request, '/data/spark');

    // assess
    expect(args).toEqual([
      '--raw-path',
      `file://${root}/raw/listings`,
      '--curated-path',
      `file://${root}/curated`,
      '--database',
      'realty',
      '--partitions',
      'dt=2026-11-20/state=CA,dt=2026-11-21/state=TX',
      '--target-file-bytes',
      '1000000',
      '--run-id',
      'run-7',
      '--watermark-ms',
      '1795000000000',
      '--local-metastore',
      '/data/spark',
    ]);
  });

  it('refuses a bucket that is not a local directory, saying where the job runs instead', () => {
    expect(() => sparkJobArgs(new InMemoryObjectStore(), request, '/data/spark')).toThrow(ConfigError);
    expect(() => sparkJobArgs(new InMemoryObjectStore(), request, '/data/spark')).toThrow(
      /run the job on AWS Glue/,
    );
  });

  it('refuses a run with no partitions instead of letting the job fall back to its watermark', async () => {
    // prepare
    const compactor = createSparkCompactor({
      store: new InMemoryObjectStore(),
      python: 'python3',
      javaHome: '/jdk',
      workDir: tmpdir(),
    });

    // act
    const run = compactor.compact({ ...request, partitions: [] });

    // assess
    await expect(run).rejects.toThrow(/no raw partitions to compact were given/);
  });
});

describe('the job process', () => {
  it('reports the progress lines the job prints and resolves when it exits 0', async () => {
    // prepare
    const seen: CompactionProgress[] = [];
    const job = fakeJob(
      [
        'REALTY_PROGRESS {"step": "listing", "done": 0, "total": 6}',
        'REALTY_PROGRESS {"step": "writing", "done": 4, "total": 6}',
        'Spark says hello',
      ],
      'exit0',
    );

    // act
    await runJobProcess({ ...job, onProgress: (progress) => seen.push(progress) });

    // assess
    expect(seen).toEqual([
      { step: 'listing', done: 0, total: 6 },
      { step: 'writing', done: 4, total: 6 },
    ]);
  });

  it("fails with the job's own error line when it exits non-zero", async () => {
    // prepare
    const job = fakeJob(['REALTY_ERROR {"message": "Path does not exist: file:/x"}'], 'exit1');

    // act
    const run = runJobProcess(job);

    // assess
    await expect(run).rejects.toThrow(CompactionError);
    await expect(run).rejects.toThrow(/failed \(exit code 1\): Path does not exist: file:\/x/);
  });

  it('falls back to the end of stderr when the job died without an error line', async () => {
    await expect(runJobProcess(fakeJob([], 'exit1'))).rejects.toThrow(/log4j noise/);
  });

  it('kills the job when stopped, and says so', async () => {
    // prepare
    const stop = new AbortController();
    const job = fakeJob(['REALTY_PROGRESS {"step": "writing", "done": 4, "total": 6}'], 'hang');

    // act
    const run = runJobProcess({ ...job, signal: stop.signal, onProgress: () => stop.abort() });

    // assess
    await expect(run).rejects.toThrow(/the Spark compaction was stopped; the job was killed/);
  });

  it('tells how to create the Python environment when its interpreter is missing', async () => {
    // prepare
    const job = { command: '/nonexistent/.cache/venv/bin/python', args: [], cwd: tmpdir(), env: {} };

    // act
    const run = runJobProcess(job);

    // assess
    await expect(run).rejects.toThrow(/bash scripts\/python-env\.sh/);
  });
});
