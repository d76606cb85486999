import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startApiFaultProxy } from '../../../src/local/faults/api-fault-proxy.js';
import { startSandbox } from '../../../src/local/sandbox/sandbox.js';
import { runCli } from '../../helpers/cli.js';
import { repoRoot } from '../../helpers/fixtures.js';

/** This machine's non-loopback IPv4 addresses: a server bound to all interfaces would answer on them. */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(repoRoot, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|mjs|cjs|js|sh|properties|config)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

describe('local servers bind 127.0.0.1 only', { timeout: 60_000 }, () => {
  it('serves the sandbox and the fault proxy on loopback, and not on any other interface of this machine', async () => {
    const sandbox = await startSandbox({ listings: 10 });
    const proxy = await startApiFaultProxy({
      target: sandbox.url,
      tooManyRate: 0,
      timeoutRate: 0,
      random: Math.random,
    });
    try {
      for (const url of [sandbox.url, proxy.url]) {
        const { hostname, port } = new URL(url);
        expect(hostname).toBe('127.0.0.1');
        expect(await connects('127.0.0.1', Number(port))).toBe(true);
        for (const address of externalAddresses())
          expect(await connects(address, Number(port)), `${address}:${port}`).toBe(false);
      }
    } finally {
      await proxy.close();
      await sandbox.close();
    }
  });

  it('has no listen() in the code and no service config that binds anything but 127.0.0.1', async () => {
    const offenders: string[] = [];
    for (const file of [...(await sourceFiles('src')), ...(await sourceFiles('scripts'))]) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/\.listen\(([^)]*)\)/g)) {
        if (!match[1]!.includes("'127.0.0.1'"))
          offenders.push(`${path.relative(repoRoot, file)}: ${match[0]}`);
      }
      if (/0\.0\.0\.0|::\/0|\bINADDR_ANY\b/.test(text))
        offenders.push(`${path.relative(repoRoot, file)}: binds every interface`);
    }

    expect(offenders).toEqual([]);
  });
});

describe('the CLI refuses plaintext Kafka to a broker off this machine', { timeout: 60_000 }, () => {
  it('stops before connecting, naming the broker and the way to allow it', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'realty-never-'));
    const run = await runCli([
      'run',
      '--bus',
      'kafka',
      '--brokers',
      '10.20.30.40:9092',
      '--data-dir',
      dataDir,
    ]).finally(() => rm(dataDir, { recursive: true, force: true }));

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing plaintext Kafka to 10\.20\.30\.40:9092/);
    expect(run.stderr).toMatch(/allowPlaintext|kafka-allow-plaintext/);
  });
});
