/**
 * consumer-kafka: Kafka → Parquet through the local MSK trigger and the transform (`realty run`'s drain), on a
 * real broker, against the same-run ceiling: the project's Kafka client reading the same topic plus JSON.parse
 * of each value and nothing else. Each side runs in a process of its own (peak RSS is its own). Also
 * raw-file-rows: the median rows per raw object the trigger run wrote.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { createKafkaBus } from '../src/adapters/event-bus/kafka-bus.js';
import { loadConfig } from '../src/config.js';
import type { OutgoingRecord } from '../src/ports/event-bus.js';
import { localPaths } from '../src/runtime/local.js';
import { sharedCorpus } from './lib/corpus.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { REPO_ROOT } from './lib/provisioned.js';

const exec = promisify(execFile);
const PARTITIONS = 6;
// Distinct listings fetched from the sandbox; the topic repeats them (with their own keys) up to the size asked.
const CORPUS_LISTINGS = 20_000;
const PRODUCE_CALL_RECORDS = 5_000;

interface ChildReport {
  concurrency: number;
  records: number;
  seconds: number;
  peakRssMb: number;
  /** CPU time of the whole child process (every thread, start included). */
  cpuSeconds: number;
  threads: { name: string; cpuSeconds: number }[];
}

// BENCH_CPU_PROF_DIR=<dir>: each child writes a V8 CPU profile there (Node refuses --cpu-prof in NODE_OPTIONS).
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF_DIR;

async function child(args: string[]): Promise<ChildReport> {
  const script = path.join(REPO_ROOT, 'bench', 'lib', 'consumer-kafka-child.ts');
  const profile = CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR] : [];
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', ...profile, script, ...args], {
    cwd: REPO_ROOT,
    timeout: 900_000,
    maxBuffer: 16 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as ChildReport;
}

/** Produces `total` sandbox listings (as ingest produces them) to a fresh topic of PARTITIONS partitions. */
export async function produceTopic(brokers: string, total: number): Promise<string> {
  const corpus = await sharedCorpus(Math.min(CORPUS_LISTINGS, total));
  const bus = createKafkaBus({ brokers: [brokers], allowPlaintext: true });
  const producer = bus.producer();
  const topic = `bench-consumer-${randomUUID()}`;
  await producer.ensureTopic({ topic, partitions: PARTITIONS, replicationFactor: 1 });
  const decoder = new TextDecoder();
  const outgoing = (i: number): OutgoingRecord => {
    const source = corpus.records[i % corpus.records.length]!;
    return {
      key: `${decoder.decode(source.key ?? new Uint8Array())}-${Math.floor(i / corpus.records.length)}`,
      value: source.value ?? new Uint8Array(),
      headers: Object.fromEntries(source.headers.map(([name, bytes]) => [name, decoder.decode(bytes)])),
      timestamp: source.timestamp,
    };
  };
  for (let from = 0; from < total; from += PRODUCE_CALL_RECORDS) {
    const count = Math.min(PRODUCE_CALL_RECORDS, total - from);
    await producer.produce(
      topic,
      Array.from({ length: count }, (_, i) => outgoing(from + i)),
    );
  }
  await producer.close();
  return topic;
}

/** Median rows per Parquet object under the local bucket's raw/listings/. */
export async function medianRawFileRows(bucketDir: string): Promise<{ median: number; files: number }> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const glob = path.join(bucketDir, 'raw', 'listings', '**', '*.parquet').replaceAll("'", "''");
    const reader = await connection.runAndReadAll(
      `SELECT median(num_rows)::DOUBLE, count(*)::INTEGER FROM (SELECT file_name, sum(row_group_num_rows) AS num_rows FROM (SELECT DISTINCT file_name, row_group_id, row_group_num_rows FROM parquet_metadata('${glob}')) GROUP BY file_name)`,
    );
    const [median, files] = reader.getRows()[0] ?? [0, 0];
    return { median: Number(median), files: Number(files) };
  } finally {
    connection.closeSync();
  }
}

export async function run(options: BenchOptions): Promise<Figure[]> {
  const brokers = options.services.kafkaBrokers;
  if (brokers === undefined) throw new Error('consumer-kafka needs the broker bench/run.ts starts');
  const total = options.sizes.consumerRecords;
  const topic = await produceTopic(brokers, total);
  options.log(`consumer-kafka: ${total} listings on ${PARTITIONS} partitions of ${topic}`);
  const ceiling = await child(['ceiling', brokers, topic]);
  const dataDir = path.join(options.workDir, `consumer-${randomUUID()}`);
  const subject = await child(['trigger', brokers, topic, dataDir]);
  const concurrency = subject.concurrency;
  // One batch in flight (REALTY_TRIGGER_CONCURRENCY=1) on the same topic, for comparison.
  const oneLane = await child([
    'trigger',
    brokers,
    topic,
    path.join(options.workDir, `one-lane-${randomUUID()}`),
    '1',
  ]);
  // The trigger before worker threads (one batch at a time, the handler in the main thread), for comparison.
  const inThreadDir = path.join(options.workDir, `in-thread-${randomUUID()}`);
  const inThread = await child(['trigger', brokers, topic, inThreadDir, '0']);
  // The default's batches in flight with the handler on one worker thread (the default on 3 cores).
  const workerDir = path.join(options.workDir, `worker-thread-${randomUUID()}`);
  const worker = await child(['trigger', brokers, topic, workerDir, '', '1']);
  if (subject.records !== total) throw new Error(`the trigger run resolved ${subject.records} of ${total}`);
  const ceilingRate = ceiling.records / ceiling.seconds;
  const rate = subject.records / subject.seconds;
  const oneLaneRate = oneLane.records / oneLane.seconds;
  const rows = await medianRawFileRows(localPaths(loadConfig({ REALTY_DATA_DIR: dataDir })).bucket);
  options.log(
    `  ceiling ${Math.round(ceilingRate)}/s; trigger + transform ${Math.round(rate)}/s (concurrency ${concurrency}), ` +
      `peak RSS ${Math.round(subject.peakRssMb)} MB; ${rows.files} raw objects, median ${rows.median} rows; ` +
      `${oneLane.concurrency} lanes ${Math.round(oneLaneRate)}/s, peak RSS ${Math.round(oneLane.peakRssMb)} MB`,
  );
  for (const [name, report] of Object.entries({ ceiling, trigger: subject, oneLane, inThread, worker })) {
    const threads = report.threads.map((t) => `${t.name} ${t.cpuSeconds}`).join(', ');
    options.log(
      `  ${name}: ${round(report.cpuSeconds, 1)} s CPU in ${round(report.seconds, 1)} s (${threads})`,
    );
  }
  return [
    figure({
      name: 'consumer-kafka',
      value: round(rate, 0),
      unit: `listings/s, ${total} listings, Kafka → Parquet via the local trigger (concurrency ${concurrency})`,
      baseline: "ceiling: the project's Kafka client + JSON.parse",
      baselineValue: round(ceilingRate, 0),
    }),
    figure({
      name: 'consumer-kafka[one-lane]',
      value: round(oneLaneRate, 0),
      unit: `listings/s, the same drain with REALTY_TRIGGER_CONCURRENCY=1: one batch in flight (peak RSS ${Math.round(oneLane.peakRssMb)} MB)`,
      baseline: "ceiling: the project's Kafka client + JSON.parse",
      baselineValue: round(ceilingRate, 0),
    }),
    figure({
      name: 'consumer-kafka[in-thread]',
      value: round(inThread.records / inThread.seconds, 0),
      unit: `listings/s, the same drain with REALTY_TRIGGER_CONCURRENCY=0: one batch at a time in the main thread, as before worker threads (peak RSS ${Math.round(inThread.peakRssMb)} MB)`,
      baseline: "ceiling: the project's Kafka client + JSON.parse",
      baselineValue: round(ceilingRate, 0),
    }),
    figure({
      name: 'consumer-kafka[worker-thread]',
      value: round(worker.records / worker.seconds, 0),
      unit: `listings/s, the same drain with the handler on one worker thread (concurrency ${worker.concurrency}, peak RSS ${Math.round(worker.peakRssMb)} MB, ${round(worker.cpuSeconds, 1)} s CPU)`,
      baseline: "ceiling: the project's Kafka client + JSON.parse",
      baselineValue: round(ceilingRate, 0),
    }),
    figure(
      {
        name: 'consumer-kafka-cpu',
        value: round(subject.cpuSeconds, 1),
        unit: `s of CPU, the whole trigger process (every thread), ${total} listings`,
        baseline: "the ceiling's process",
        baselineValue: round(ceiling.cpuSeconds, 1),
      },
      'lowerIsBetter',
    ),
    figure(
      {
        name: 'consumer-kafka-peak-rss',
        value: round(subject.peakRssMb, 0),
        unit: 'MB peak RSS of the trigger run',
        baseline: 'target 600 MB',
        baselineValue: 600,
      },
      'lowerIsBetter',
    ),
    figure({
      name: 'raw-file-rows[consumer-kafka]',
      value: rows.median,
      unit: `median rows per raw object (${rows.files} objects)`,
      baseline: 'target 1,000 rows',
      baselineValue: 1_000,
    }),
  ];
}
