import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './provisioned.js';

const run = promisify(execFile);

/** A broker the benchmarks started for themselves; stop() ends it (and only it). */
export interface BenchBroker {
  brokers: string;
  stop(): Promise<void>;
}

// Ports apart from the default 9092, so a broker the tests or another engineer run is never touched.
const PORT = 19_092;
const CONTROLLER_PORT = 19_093;

/** Starts a broker of its own with scripts/kafka.sh, its files under `dataDir`. */
export async function startBenchBroker(dataDir: string): Promise<BenchBroker> {
  const env = {
    ...process.env,
    REALTY_DATA_DIR: dataDir,
    KAFKA_PORT: String(PORT),
    KAFKA_CONTROLLER_PORT: String(CONTROLLER_PORT),
  };
  const script = path.join(REPO_ROOT, 'scripts', 'kafka.sh');
  await run('bash', [script, 'start'], { env, cwd: REPO_ROOT, timeout: 120_000 });
  return {
    brokers: `127.0.0.1:${PORT}`,
    stop: async () => {
      await run('bash', [script, 'stop'], { env, cwd: REPO_ROOT, timeout: 60_000 });
    },
  };
}
