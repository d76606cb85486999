/**
 * Producer throughput on a running broker: the Kafka adapter with each compression codec, side by side
 * with Kafka's own org.apache.kafka.tools.ProducerPerformance on the same broker and the same payloads.
 * `npm run bench` runs it on the broker it starts (`run`, sizes.kafkaRecords, the adapter's default codec and
 * none); on its own, against a broker already running:
 *
 *   bash scripts/kafka.sh start
 *   npx tsx bench/kafka-produce.ts [--brokers 127.0.0.1:9092] [--records 200000] [--codecs lz4,zstd,...]
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { KafkaCompression } from '../src/adapters/event-bus/kafka/kafka-options.js';
import { createKafkaBus } from '../src/adapters/event-bus/kafka-bus.js';
import type { OutgoingRecord } from '../src/ports/event-bus.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { REPO_ROOT } from './lib/provisioned.js';

const exec = promisify(execFile);
export const RECORD_BYTES = 2_500;
const DISTINCT_PAYLOADS = 1_000;
const PARTITIONS = 6;
const CALL_RECORDS = 10_000;
const CALLS_IN_FLIGHT = 4;

// The adapter's default (kafka-options.ts) is the headline; none shows what compression costs.
const DEFAULT_CODEC: KafkaCompression = 'snappy';
// ProducerPerformance runs on Java 17, as scripts/kafka.sh runs the broker; `java` from PATH where it is absent.
const JAVA_17 = '/usr/lib/jvm/java-17-openjdk-amd64/bin/java';
const JAVA = existsSync(JAVA_17) ? JAVA_17 : 'java';

export interface Throughput {
  rps: number;
  mbps: number;
}

export interface Plan {
  brokers: string;
  total: number;
  codecs: KafkaCompression[];
  javaCodecs: string[];
  log: (line: string) => void;
}

/** A listing-like JSON document of exactly RECORD_BYTES bytes (realistic text, so compression means something). */
function payload(i: number): string {
  const words = [
    'sunny',
    'renovated',
    'kitchen',
    'granite',
    'hardwood',
    'garage',
    'near',
    'park',
    'school',
    'quiet',
  ];
  const head = JSON.stringify({
    property_id: `M${7_000_000 + i}`,
    status: 'for_sale',
    list_price: 250_000 + ((i * 7919) % 900_000),
    location: {
      address: { line: `${100 + (i % 900)} Main St`, city: 'Austin', state_code: 'TX', postal_code: '78701' },
    },
    description: { beds: 1 + (i % 5), baths: 1 + (i % 3), sqft: 800 + ((i * 13) % 3000), text: '' },
  });
  let text = '';
  for (let w = i; text.length < RECORD_BYTES - head.length; w = (w * 31 + 7) % 1_000_003)
    text += `${words[w % 10]} `;
  return head.replace('"text":""', `"text":"${text.slice(0, RECORD_BYTES - head.length)}"`);
}

const payloads = Array.from({ length: DISTINCT_PAYLOADS }, (_, i) => payload(i));
export const encoded = payloads.map((text) => new TextEncoder().encode(text));

/** Produces plan.total records through the adapter (calls of 10,000, 4 in flight) and checks they are all there. */
export async function benchAdapter(plan: Plan, codec: KafkaCompression): Promise<Throughput> {
  const { total } = plan;
  const bus = createKafkaBus({ brokers: [plan.brokers], producer: { compression: codec } });
  const producer = bus.producer();
  const topic = `bench-${codec}-${randomUUID()}`;
  await producer.ensureTopic({ topic, partitions: PARTITIONS, replicationFactor: 1 });
  const record = (i: number): OutgoingRecord => ({
    key: `M${7_000_000 + i}`,
    value: encoded[i % DISTINCT_PAYLOADS]!,
    headers: { 'realty-source': 'bench' },
  });
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let from = 0; from < total; from += CALL_RECORDS) {
    const call = producer.produce(
      topic,
      Array.from({ length: Math.min(CALL_RECORDS, total - from) }, (_, i) => record(from + i)),
    );
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
    if (inFlight.size >= CALLS_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  const consumer = await bus.consumer({ topic, groupId: `bench-${randomUUID()}` });
  const written = (await consumer.endOffsets()).reduce((sum, end) => sum + end.offset, 0);
  await Promise.all([consumer.close(), producer.close()]);
  if (written !== total) throw new Error(`${codec}: ${written} records on the broker, expected ${total}`);
  return { rps: total / seconds, mbps: (total * RECORD_BYTES) / seconds / 1e6 };
}

async function benchProducerPerformance(plan: Plan, codec: string, payloadFile: string): Promise<Throughput> {
  const bus = createKafkaBus({ brokers: [plan.brokers] });
  const producer = bus.producer();
  const topic = `bench-java-${codec}-${randomUUID()}`;
  await producer.ensureTopic({ topic, partitions: PARTITIONS, replicationFactor: 1 });
  await producer.close();
  const lib = path.join(REPO_ROOT, '.cache', 'kafka', 'lib', '*');
  const { stdout } = await exec(
    JAVA,
    [
      '-Xmx512m',
      '-cp',
      lib,
      'org.apache.kafka.tools.ProducerPerformance',
      ...[
        '--topic',
        topic,
        '--num-records',
        String(plan.total),
        '--throughput',
        '-1',
        '--payload-file',
        payloadFile,
      ],
      '--producer-props',
      `bootstrap.servers=${plan.brokers}`,
      'acks=all',
      'enable.idempotence=true',
      `compression.type=${codec}`,
    ],
    { maxBuffer: 16 << 20 },
  );
  // The summary line: "200000 records sent, 55000.1 records/sec (131.13 MB/sec), ..."
  const summary = stdout.trim().split('\n').at(-1) ?? '';
  const match = /records sent, ([\d.]+) records\/sec \(([\d.]+) MB\/sec\)/.exec(summary);
  if (!match) throw new Error(`unexpected ProducerPerformance output: ${summary}`);
  return { rps: Number(match[1]), mbps: Number(match[2]) * 1.048576 };
}

interface Measured {
  adapter: Map<string, Throughput>;
  java: Map<string, Throughput>;
}

/** Produces plan.total records with each adapter codec, then with ProducerPerformance for each Java codec. */
async function measure(plan: Plan): Promise<Measured> {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-bench-'));
  const payloadFile = path.join(dir, 'payloads.txt');
  await writeFile(payloadFile, payloads.join('\n'));
  const measured: Measured = { adapter: new Map(), java: new Map() };
  try {
    for (const codec of plan.codecs) {
      measured.adapter.set(codec, await benchAdapter(plan, codec));
      plan.log(`  adapter ${codec}: ${Math.round(measured.adapter.get(codec)!.rps)} records/s`);
    }
    for (const codec of plan.javaCodecs) {
      measured.java.set(codec, await benchProducerPerformance(plan, codec, payloadFile));
      plan.log(`  ProducerPerformance ${codec}: ${Math.round(measured.java.get(codec)!.rps)} records/s`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return measured;
}

/** `npm run bench`: the adapter against ProducerPerformance, default codec and none, on the bench's broker. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const brokers = options.services.kafkaBrokers;
  if (brokers === undefined) {
    options.log(
      'skipped kafka-produce: no Kafka broker running (Kafka is not provisioned: bash scripts/kafka.sh provision)',
    );
    return [];
  }
  const codecs: KafkaCompression[] = [DEFAULT_CODEC, 'none'];
  const total = options.sizes.kafkaRecords;
  options.log(
    `kafka-produce: ${total} records of ${RECORD_BYTES} B, ${PARTITIONS} partitions, acks=all, idempotent`,
  );
  const measured = await measure({ brokers, total, codecs, javaCodecs: codecs, log: options.log });
  const figures: Figure[] = [];
  for (const codec of codecs) {
    const ours = measured.adapter.get(codec)!;
    const java = measured.java.get(codec)!;
    const fields = {
      value: round(ours.rps, 0),
      unit: `records/s (${RECORD_BYTES} B, ${codec}, acks=all)`,
      baseline: `Kafka ProducerPerformance, ${codec}`,
      baselineValue: round(java.rps, 0),
    };
    if (codec === DEFAULT_CODEC) figures.push(figure({ name: 'kafka-produce', ...fields }));
    figures.push(figure({ name: `kafka-produce[${codec}]`, ...fields }));
  }
  return figures;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      brokers: { type: 'string', default: '127.0.0.1:9092' },
      records: { type: 'string', default: '200000' },
      codecs: { type: 'string', default: 'none,lz4,zstd,snappy,gzip' },
      'java-codecs': { type: 'string', default: 'none,lz4' },
    },
  });
  const plan: Plan = {
    brokers: args.brokers,
    total: Number(args.records),
    codecs: args.codecs.split(',') as KafkaCompression[],
    javaCodecs: args['java-codecs'].split(',').filter(Boolean),
    log: () => {},
  };
  const measured = await measure(plan);
  const rows = [
    ...[...measured.adapter].map(([codec, r]) => ['@platformatic/kafka adapter', codec, r] as const),
    ...[...measured.java].map(([codec, r]) => ['Kafka ProducerPerformance', codec, r] as const),
  ].map(
    ([who, codec, r]) =>
      `| ${who} | ${codec} | ${Math.round(r.rps).toLocaleString('en-US')} | ${r.mbps.toFixed(1)} |`,
  );
  console.log(
    `${plan.total.toLocaleString('en-US')} records of ${RECORD_BYTES} B, ${PARTITIONS} partitions, acks=all, idempotent`,
  );
  console.log('| producer | compression | records/s | MB/s |\n|---|---|---|---|');
  console.log(rows.join('\n'));
}

// Run on its own only when it is the script node started; bench/run.ts imports it for run().
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
