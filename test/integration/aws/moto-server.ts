import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../helpers/fixtures.js';
import { freePort } from '../../helpers/free-ports.js';

const run = promisify(execFile);
const SCRIPT = path.join(repoRoot, 'scripts', 'moto.sh');

/** Credentials moto accepts (it checks none); set so the SDK never looks for real ones. */
export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;
export const MOTO_REGION = 'us-east-1';

/** A moto server of one test file, on a free port of 127.0.0.1. */
export interface MotoServer {
  endpoint: string;
  /** Posts JSON to moto's own API (`/moto-api/...`): queued Athena results, state transitions. */
  motoApi(pathname: string, body: unknown): Promise<void>;
  stop(): Promise<void>;
}

/** A TCP port nothing listens on right now, chosen by the OS. */
async function moto(command: 'start' | 'stop', port: number): Promise<string> {
  try {
    const { stdout } = await run('bash', [SCRIPT, command, String(port)], {
      cwd: repoRoot,
      timeout: 300_000,
    });
    return stdout.trim().split('\n').at(-1) ?? '';
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`bash scripts/moto.sh ${command} ${port} failed:\n${stdout}${stderr}`, { cause: error });
  }
}

/**
 * Starts moto with scripts/moto.sh (which creates .cache/venv on first use). Call in beforeAll; the
 * hookTimeout covers a first-time pip install.
 */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = await moto('start', port);
  return {
    endpoint,
    async motoApi(pathname, body) {
      const response = await fetch(`${endpoint}${pathname}`, { method: 'POST', body: JSON.stringify(body) });
      if (!response.ok)
        throw new Error(`moto ${pathname} answered ${response.status}: ${await response.text()}`);
    },
    stop: async () => {
      await moto('stop', port);
    },
  };
}
