import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiFaultProxy } from '../../../src/local/faults/api-fault-proxy.js';
import { type Sandbox, startSandbox } from '../../../src/local/sandbox/sandbox.js';
import { createRng } from '../../../src/local/sandbox/seeded-random.js';
import { type CliResult, runCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/fixtures.js';

// Fake secrets, long and unique enough that any appearance is a leak.
const API_KEY = 'fake-rapidapi-key-7d1e94c2b8a35f60';
const KAFKA_PASSWORD = 'fake-kafka-password-3c9b27e1d4';
const SECRETS = [API_KEY, KAFKA_PASSWORD];

/** Every form a secret could leak in: as is, base64 (dead letters hold base64 values), and URL-encoded. */
function leakForms(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64').replace(/=+$/, ''), encodeURIComponent(secret)];
}

async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Where a secret shows up in `text` (by name of the place), for the failure message. */
function leaks(place: string, bytes: Buffer): string[] {
  return SECRETS.flatMap((secret) =>
    leakForms(secret)
      .filter((form) => bytes.includes(Buffer.from(form)))
      .map((form) => `${place} holds ${form === secret ? 'the secret' : `an encoding of it (${form})`}`),
  );
}

describe('secrets never reach logs, errors, files or the compiled template', { timeout: 180_000 }, () => {
  let sandbox: Sandbox;
  let dataDir: string;
  const runs: CliResult[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'realty-secrets-'));
    sandbox = await startSandbox({
      apiKey: API_KEY,
      listings: 150,
      rateLimitPerSecond: 0,
      faults: { serverError: 0.2, malformed: 0.1 },
    });
    const areas = sandbox.areas
      .slice(0, 3)
      .map((a) => (a.kind === 'postal_code' ? `postal:${a.postalCode}:for_sale,sold` : ''));
    const proxyRng = createRng(20261206);
    const proxy = await startApiFaultProxy({
      target: sandbox.url,
      tooManyRate: 0.2,
      timeoutRate: 0.1,
      // Seeded, so every run meets the same faults: with Math.random, about one run in three met five failures
      // in a row on one request and gave up an area (exit 1), which no retry policy promises to survive.
      random: () => proxyRng.next(),
    });
    const env = {
      REALTY_API_KEY: API_KEY,
      REALTY_KAFKA_USERNAME: 'realty',
      REALTY_KAFKA_PASSWORD: KAFKA_PASSWORD,
    };
    const common = [
      '--areas',
      areas.join(' '),
      '--data-dir',
      dataDir,
      '--api-host',
      sandbox.host,
      '--log-level',
      'debug',
    ];
    try {
      // A good run through faults (retries are logged at debug), then the same with a wrong key (auth errors).
      runs.push(
        await runCli(['run', '--json', '--api-url', proxy.url, '--api-timeout-ms', '500', ...common], {
          env,
        }),
      );
      runs.push(
        await runCli(['run', '--api-url', sandbox.url, ...common], {
          env: { ...env, REALTY_API_KEY: `${API_KEY}-wrong` },
        }),
      );
      runs.push(
        await runCli(
          ['run', '--bus', 'kafka', '--kafka-auth', 'scram', '--brokers', '127.0.0.1:9', ...common],
          { env },
        ),
      );
    } finally {
      await proxy.close();
    }
  });
  afterAll(async () => {
    await sandbox?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('ran the pipeline with the fake key: records fetched, written and dead-lettered', () => {
    expect(runs[0]!.code, runs[0]!.stderr).toBe(0);
    expect(sandbox.stats().served).toBeGreaterThan(0);
    expect(runs[1]!.code).not.toBe(0);
    expect(runs[1]!.stdout + runs[1]!.stderr).toMatch(/not subscribed|403|REALTY_API_AUTH/);
  });

  it('keeps the API key and the broker password out of stdout and stderr', () => {
    const found = runs.flatMap((run, i) => [
      ...leaks(`run ${i} stdout`, Buffer.from(run.stdout)),
      ...leaks(`run ${i} stderr`, Buffer.from(run.stderr)),
    ]);

    expect(found).toEqual([]);
  });

  it('keeps them out of every file of the data dir: log, bucket, dead letters, run logs, catalog', async () => {
    const files = await filesUnder(dataDir);
    const found: string[] = [];
    for (const file of files) found.push(...leaks(path.relative(dataDir, file), await readFile(file)));

    expect(files.some((f) => f.includes(`${path.sep}runs${path.sep}`))).toBe(true);
    expect(found).toEqual([]);
  });

  it('keeps them out of the compiled template, when one was packaged', async () => {
    const found: string[] = [];
    for (const file of await filesUnder(path.join(repoRoot, '.serverless'))) {
      found.push(...leaks(path.relative(repoRoot, file), await readFile(file)));
    }

    expect(found).toEqual([]);
  });
});
