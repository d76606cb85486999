import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptTrino } from '../../../helpers/trino-script.js';

const BUCKET = 'realty-data';

/** A real single-node Trino 476 of one test run, over a temp data dir, on a free port. */
export interface TrinoServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The data dir (REALTY_DATA_DIR) and the bucket directory Trino's `local:///` is rooted at. */
  dataDir: string;
  bucketDir: string;
  /** Stops the server and deletes its data dir. */
  stop(): Promise<void>;
}

/**
 * Starts Trino with scripts/trino.sh (the script behind `npm run trino:start`): provisioned once into
 * .cache/trino and reused. Costs 20 s or more, so a test run starts one and shares it (trino.test.ts).
 */
export async function startTrinoServer(): Promise<TrinoServer> {
  const running = alreadyRunning();
  if (running) return running;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'realty-trino-'));
  // A small heap: tests run beside other processes on a 2-core machine.
  const trino = await startScriptTrino({ dataDir, bucket: BUCKET, heap: '1G' });
  return {
    url: trino.url,
    dataDir,
    bucketDir: path.join(dataDir, BUCKET),
    async stop() {
      await trino.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A server someone started with `npm run trino:start`, when TRINO_TEST_URL and TRINO_TEST_BUCKET_DIR name it:
 * iterating on the suites then skips the start. The tests use databases of their own and leave it running.
 */
function alreadyRunning(): TrinoServer | undefined {
  const url = process.env['TRINO_TEST_URL'];
  if (!url) return undefined;
  const bucketDir = process.env['TRINO_TEST_BUCKET_DIR'];
  if (!bucketDir) {
    throw new Error(
      'TRINO_TEST_URL is set but TRINO_TEST_BUCKET_DIR is not: set it to the bucket directory that Trino reads',
    );
  }
  return {
    url,
    dataDir: path.dirname(bucketDir),
    bucketDir: path.resolve(bucketDir),
    stop: async () => undefined,
  };
}
