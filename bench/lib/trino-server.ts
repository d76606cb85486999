import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './provisioned.js';

const run = promisify(execFile);

/** A Trino 476 the benchmark started over its own data dir (scripts/trino.sh, the script behind npm run trino:start). */
export interface BenchTrino {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Trino over `dataDir`, its `local:///` rooted at `<dataDir>/<bucket>` (the bucket directory the embedded
 * pipeline writes), on a free port, with a 2 GB heap.
 */
export async function startBenchTrino(dataDir: string, bucket: string): Promise<BenchTrino> {
  const port = await freePort();
  const env = {
    ...process.env,
    REALTY_DATA_DIR: dataDir,
    REALTY_BUCKET: bucket,
    TRINO_PORT: String(port),
    TRINO_HEAP: '2G',
  };
  const trino = async (command: 'start' | 'stop') => {
    try {
      await run('bash', [path.join(REPO_ROOT, 'scripts', 'trino.sh'), command], {
        env,
        cwd: REPO_ROOT,
        timeout: 600_000,
      });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      throw new Error(`bash scripts/trino.sh ${command} failed:\n${stdout}${stderr}`, { cause: error });
    }
  };
  try {
    await trino('start');
  } catch (error) {
    await trino('stop').catch(() => undefined);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, stop: () => trino('stop') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}
