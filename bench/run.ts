/**
 * `npm run bench`: every stage against its ceiling and a peer, in one run. Prints a table per benchmark and
 * the whole table at the end, and writes bench/results.json. `npm run bench -- --help` lists the sizes.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { UsageError } from '../src/errors.js';
import { BENCH_NAMES, type BenchArgs, type BenchName, parseBenchArgs } from './lib/bench-args.js';
import { type BenchModule, type BenchOptions, type Figure, figure } from './lib/figure.js';
import { type BenchBroker, startBenchBroker } from './lib/kafka-broker.js';
import { isProvisioned, REPO_ROOT, type Service, skipLine } from './lib/provisioned.js';
import { writeResults } from './lib/results.js';
import { figureTable } from './lib/table.js';

// Each benchmark's module and the service it cannot run without. Modules other engineers own are loaded only
// when their file exists and exports run(options).
const BENCHES: Record<BenchName, { file: string; needs?: Service }> = {
  transform: { file: 'transform.ts' },
  'parquet-encode': { file: 'parquet-encode.ts' },
  ingest: { file: 'ingest.ts' },
  'kafka-produce': { file: 'kafka-produce.ts', needs: 'kafka' },
  'consumer-kafka': { file: 'consumer-kafka.ts', needs: 'kafka' },
  'raw-file-rows': { file: 'raw-file-rows.ts' },
  'end-to-end': { file: 'end-to-end.ts' },
  compaction: { file: 'compaction.ts' },
  query: { file: 'query.ts' },
  'trino-query': { file: 'query-trino.ts', needs: 'trino' },
  growth: { file: 'growth.ts' },
  scale: { file: 'scale.ts' },
  soak: { file: 'soak.ts' },
  bundles: { file: 'bundles.ts' },
  'cli-start': { file: 'cli-start.ts' },
  libraries: { file: 'libraries.ts' },
};

const EXPORTS_RUN = /export\s+(async\s+)?function\s+run\s*\(|export\s+const\s+run\s*=/;

const log = (line: string) => console.log(line);

// The benchmarks that talk to Kafka: a broker is started for the first and stopped after the last.
const USES_BROKER: ReadonlySet<BenchName> = new Set([
  'ingest',
  'kafka-produce',
  'consumer-kafka',
  'libraries',
]);

async function main(args: BenchArgs): Promise<void> {
  const started = Date.now();
  const cpu = cpus()[0]?.model ?? 'CPU';
  log(
    `realty-pipeline bench on ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const session = await openSession();
  // Ctrl-C must not leave a broker running or scratch files behind.
  process.once('SIGINT', () => void session.close().finally(() => process.exit(130)));
  const figures: Figure[] = [];
  try {
    for (const [index, name] of args.only.entries()) {
      figures.push(...(await runBench(name, session, args)));
      if (!args.only.slice(index + 1).some((next) => USES_BROKER.has(next))) await session.stopBroker();
    }
  } finally {
    await session.close();
  }
  if (BENCH_NAMES.every((name) => args.only.includes(name))) figures.push(totalFigure(Date.now() - started));
  const resultsPath = path.resolve(REPO_ROOT, args.resultsPath);
  await writeResults(resultsPath, figures);
  log(`\n== all figures (${((Date.now() - started) / 60_000).toFixed(1)} min)\n${figureTable(figures)}`);
  log(`\nwrote ${path.relative(process.cwd(), resultsPath)} (${figures.length} figures)`);
}

// Issue 17: the whole default `npm run bench` within 15 minutes on the 2-core machine.
const BENCH_BUDGET_S = 900;

/** The wall time of a run of every stage, against the budget (a run of some stages says nothing of it). */
function totalFigure(ms: number): Figure {
  return figure(
    {
      name: 'bench-total',
      value: Math.round(ms / 1000),
      unit: `s, every stage of npm run bench (load ${loadavg()[0]?.toFixed(1)} at the end)`,
      baseline: 'budget: 15 minutes',
      baselineValue: BENCH_BUDGET_S,
    },
    'lowerIsBetter',
  );
}

interface Session {
  workRoot: string;
  services: BenchOptions['services'];
  startBroker(): Promise<void>;
  stopBroker(): Promise<void>;
  close(): Promise<void>;
}

/** The run's scratch directory, the services found, and the broker the run may start. */
async function openSession(): Promise<Session> {
  const workRoot = await mkdtemp(path.join(tmpdir(), 'realty-bench-'));
  const found = {
    kafka: isProvisioned('kafka'),
    spark: isProvisioned('spark'),
    trino: isProvisioned('trino'),
  };
  let broker: BenchBroker | undefined;
  const session: Session = {
    workRoot,
    services: found,
    startBroker: async () => {
      if (broker || !found.kafka) return;
      log('starting a Kafka broker for the benchmarks on 127.0.0.1:19092 ...');
      broker = await startBenchBroker(path.join(workRoot, 'kafka-broker'));
      session.services = { ...found, kafkaBrokers: broker.brokers };
    },
    stopBroker: async () => {
      const running = broker;
      broker = undefined;
      session.services = found;
      await running
        ?.stop()
        .catch((error: unknown) => log(`could not stop the bench Kafka broker: ${String(error)}`));
    },
    close: async () => {
      await session.stopBroker();
      await rm(workRoot, { recursive: true, force: true });
    },
  };
  return session;
}

/** Runs one benchmark in its own scratch directory; a failure is reported and the run goes on. */
async function runBench(name: BenchName, session: Session, args: BenchArgs): Promise<Figure[]> {
  const bench = BENCHES[name];
  if (bench.needs && !session.services[bench.needs]) {
    log(skipLine(name, bench.needs));
    return [];
  }
  const module = await loadBench(name, bench.file);
  if (module === undefined) return [];
  if (USES_BROKER.has(name)) {
    if (session.services.kafka) await session.startBroker();
    else log(skipLine(`the Kafka part of ${name}`, 'kafka'));
  }
  const workDir = path.join(session.workRoot, name);
  await mkdir(workDir, { recursive: true });
  log(`\n== ${name}`);
  const started = Date.now();
  try {
    const figures = await module.run({ workDir, sizes: args.sizes, log, services: session.services });
    log(`${figureTable(figures)}\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
    return figures;
  } catch (error) {
    log(`FAILED ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return [];
  }
}

/** The benchmark's module, or undefined (with a line saying why) when it is not there or has no run(). */
async function loadBench(name: string, file: string): Promise<BenchModule | undefined> {
  const full = path.join(import.meta.dirname, file);
  if (!existsSync(full)) {
    log(`skipped ${name}: bench/${file} is not there yet`);
    return undefined;
  }
  // Importing runs a module's top level: a script that benchmarks as it loads would start, with our argv.
  if (!EXPORTS_RUN.test(await readFile(full, 'utf8'))) {
    log(
      `skipped ${name}: bench/${file} does not export run(options): Promise<Figure[]> (bench/lib/figure.ts)`,
    );
    return undefined;
  }
  return (await import(full)) as BenchModule;
}

try {
  await main(parseBenchArgs(process.argv.slice(2), process.env));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exitCode = 2;
  } else throw error;
}
