/**
 * `npm run bench`: every stage against its ceiling and a peer, in one run. Prints a table per benchmark and
 * the whole table at the end, and writes bench/results.json. `npm run bench -- --help` lists the sizes.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { UsageError } from '../src/errors.js';
import { type BenchArgs, type BenchName, parseBenchArgs } from './lib/bench-args.js';
import type { BenchModule, BenchOptions, Figure } from './lib/figure.js';
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
  'end-to-end': { file: 'end-to-end.ts' },
  compaction: { file: 'compaction.ts' },
  query: { file: 'query.ts' },
  'trino-query': { file: 'trino-query.ts', needs: 'trino' },
  soak: { file: 'soak.ts' },
  bundles: { file: 'bundles.ts' },
};

const EXPORTS_RUN = /export\s+(async\s+)?function\s+run\s*\(|export\s+const\s+run\s*=/;

const log = (line: string) => console.log(line);

async function main(args: BenchArgs): Promise<void> {
  const started = Date.now();
  console.log(
    `realty-pipeline bench on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  const workRoot = await mkdtemp(path.join(tmpdir(), 'realty-bench-'));
  const services = {
    kafka: isProvisioned('kafka'),
    spark: isProvisioned('spark'),
    trino: isProvisioned('trino'),
  };
  let broker: BenchBroker | undefined;
  const figures: Figure[] = [];
  try {
    for (const name of args.only) {
      const bench = BENCHES[name];
      if (bench.needs && !services[bench.needs]) {
        log(skipLine(name, bench.needs));
        continue;
      }
      const module = await loadBench(name, bench.file);
      if (module === undefined) continue;
      if (bench.needs === 'kafka' || name === 'ingest')
        broker ??= await maybeStartBroker(services.kafka, workRoot);
      const workDir = path.join(workRoot, name);
      await mkdir(workDir, { recursive: true });
      const options: BenchOptions = {
        workDir,
        sizes: args.sizes,
        log,
        services: broker ? { ...services, kafkaBrokers: broker.brokers } : services,
      };
      log(`\n== ${name}`);
      const benchStarted = Date.now();
      try {
        const produced = await module.run(options);
        figures.push(...produced);
        log(`${figureTable(produced)}\n(${((Date.now() - benchStarted) / 1000).toFixed(0)} s)`);
      } catch (error) {
        log(`FAILED ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  } finally {
    await broker
      ?.stop()
      .catch((error: unknown) => log(`could not stop the bench Kafka broker: ${String(error)}`));
    await rm(workRoot, { recursive: true, force: true });
  }
  const resultsPath = path.resolve(REPO_ROOT, args.resultsPath);
  await writeResults(resultsPath, figures);
  log(`\n== all figures (${((Date.now() - started) / 60_000).toFixed(1)} min)\n${figureTable(figures)}`);
  log(`\nwrote ${path.relative(process.cwd(), resultsPath)} (${figures.length} figures)`);
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

async function maybeStartBroker(provisioned: boolean, workRoot: string): Promise<BenchBroker | undefined> {
  if (!provisioned) {
    log(skipLine('the Kafka half of ingest', 'kafka'));
    return undefined;
  }
  log('starting a Kafka broker for the benchmarks on 127.0.0.1:19092 ...');
  return startBenchBroker(path.join(workRoot, 'kafka-broker'));
}

try {
  await main(parseBenchArgs(process.argv.slice(2), process.env));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exitCode = 2;
  } else throw error;
}
