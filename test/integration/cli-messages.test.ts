import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot } from '../helpers/fixtures.js';

// Issue 18: messages a user can act on, and the exit codes the README promises (2 for usage errors).
describe('realty messages and exit codes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-messages-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its version with --version', async () => {
    const run = await runCli(['--version']);

    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(
      (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('exits 2 on an unknown option or command', async () => {
    const runs = await Promise.all([runCli(['query', '--bogus']), runCli(['nosuch'])]);

    expect(runs.map((run) => run.code)).toEqual([2, 2]);
  });

  it('names a data dir that is a file, with exit 2', async () => {
    const file = path.join(dir, 'a-file');
    await writeFile(file, 'x');

    const run = await runCli(['run', '--days', '1', '--data-dir', file]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the data dir ${file} is a file, not a directory`);
  });

  it('counts MSK in the headline comparison of realty cost', async () => {
    const run = await runCli(['cost']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^MSK Serverless, the share of a cluster/m);
    expect(run.stdout).toMatch(
      /JSON to partitioned Parquet: \$[\d.]+ here \(MSK \$[\d.]+; transform, requests, PUTs/,
    );
  });
});
