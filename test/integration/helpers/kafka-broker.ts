import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../helpers/fixtures.js';
import { freePorts } from '../../helpers/free-ports.js';

const run = promisify(execFile);
const SCRIPT = path.join(repoRoot, 'scripts', 'kafka.sh');

/** A real single-node Kafka broker (KRaft) of one test file, in its own temp dir on free ports. */
export interface KafkaBroker {
  /** `127.0.0.1:port`, the bootstrap address (plaintext). */
  bootstrap: string;
  /** The SASL/SCRAM-SHA-512 listener and its user, when asked for. */
  scram?: { bootstrap: string; username: string; password: string };
  dataDir: string;
  /** Stops the broker (SIGTERM) and starts it again on the same ports and data: a broker restart. */
  restart(): Promise<void>;
  /** Runs `bash scripts/kafka.sh <command>` against this broker; resolves with its output and exit code. */
  script(command: 'start' | 'stop' | 'status'): Promise<{ code: number; output: string }>;
  /** Stops the broker and deletes its data. */
  stop(): Promise<void>;
}

/**
 * Starts a broker with scripts/kafka.sh (the same script as `npm run kafka:start`): the jars are resolved
 * once into .cache/kafka and reused. Call in beforeAll; hookTimeout covers a first-time download.
 */
export async function startKafkaBroker(options: { scramUser?: string } = {}): Promise<KafkaBroker> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'realty-kafka-'));
  const [port, controllerPort, scramPort] = await freePorts(3);
  const scram = options.scramUser
    ? { bootstrap: `127.0.0.1:${scramPort}`, username: options.scramUser, password: randomUUID() }
    : undefined;
  const env = {
    ...process.env,
    REALTY_DATA_DIR: dataDir,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    // Small heap: tests run beside other processes on a 2-core machine.
    KAFKA_HEAP_OPTS: '-Xmx512m -Xms128m',
    ...(scram
      ? {
          KAFKA_SCRAM_PORT: String(scramPort),
          KAFKA_SCRAM_USER: scram.username,
          KAFKA_SCRAM_PASSWORD: scram.password,
        }
      : {}),
  };
  const script = async (command: 'start' | 'stop' | 'status') => {
    try {
      const { stdout, stderr } = await run('bash', [SCRIPT, command], {
        env,
        cwd: repoRoot,
        timeout: 180_000,
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof code === 'number' ? code : -1, output: stdout + stderr };
    }
  };
  const kafka = async (command: 'start' | 'stop') => {
    const { code, output } = await script(command);
    if (code !== 0) throw new Error(`bash scripts/kafka.sh ${command} failed (exit ${code}):\n${output}`);
  };
  await kafka('start');
  return {
    bootstrap: `127.0.0.1:${port}`,
    ...(scram ? { scram } : {}),
    dataDir,
    async restart() {
      await kafka('stop');
      await kafka('start');
    },
    script,
    async stop() {
      await kafka('stop');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs one of Kafka's own command-line tools (e.g. ConsoleProducer) from the provisioned jars. */
export async function runKafkaTool(mainClass: string, args: string[], stdin = ''): Promise<string> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const classpath = path.join(repoRoot, '.cache', 'kafka', 'lib', '*');
  return new Promise((resolve, reject) => {
    const child = execFile(
      java,
      ['-Xmx256m', '-cp', classpath, mainClass, ...args],
      { timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${mainClass} failed: ${stderr || error.message}`, { cause: error }));
        else resolve(stdout);
      },
    );
    child.stdin?.end(stdin);
  });
}
