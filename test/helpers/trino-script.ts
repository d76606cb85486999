import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './fixtures.js';
import { freePort } from './free-ports.js';

const run = promisify(execFile);
const SCRIPT = path.join(repoRoot, 'scripts', 'trino.sh');

/** A Trino 476 started by scripts/trino.sh (the script behind `npm run trino:start`) on a free port. */
export interface ScriptTrino {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Stops the server (SIGTERM, checked exit). */
  stop(): Promise<void>;
}

/**
 * Starts Trino over `dataDir`, its `local:///` rooted at `<dataDir>/<bucket>` (the bucket directory the
 * embedded pipeline writes), with a `heap` such as '1G'. A server that started but never answered is left
 * running by the script: it is stopped before the error is thrown.
 */
export async function startScriptTrino(options: {
  dataDir: string;
  bucket: string;
  heap: string;
}): Promise<ScriptTrino> {
  const port = await freePort();
  const env = {
    ...process.env,
    REALTY_DATA_DIR: options.dataDir,
    REALTY_BUCKET: options.bucket,
    TRINO_PORT: String(port),
    TRINO_HEAP: options.heap,
  };
  const trino = async (command: 'start' | 'stop') => {
    try {
      await run('bash', [SCRIPT, command], { env, cwd: repoRoot, timeout: 600_000 });
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
