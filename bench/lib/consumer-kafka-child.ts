/**
 * One side of the consumer-kafka benchmark, in a process of its own so its peak RSS is its own. Prints one JSON
 * line: { records, seconds, peakRssMb }.
 *
 *   tsx bench/lib/consumer-kafka-child.ts ceiling <brokers> <topic>
 *   tsx bench/lib/consumer-kafka-child.ts trigger <brokers> <topic> <dataDir> [concurrency] [threads]
 * (the trigger's concurrency is REALTY_TRIGGER_CONCURRENCY's default unless given, or '' for it; its transform
 * worker threads transformThreads()'s default unless given)
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createKafkaBus } from '../../src/adapters/event-bus/kafka-bus.js';
import { loadConfig } from '../../src/config.js';
import { drainToTables, triggerLanes } from '../../src/local/drain-to-tables.js';
import { applyFaults } from '../../src/local/faults/apply-faults.js';
import { NO_FAULT_SPEC } from '../../src/local/faults/fault-spec.js';
import { ensureRawTable } from '../../src/pipeline/raw-table.js';
import { catalogFor } from '../../src/runtime/assemble.js';
import { openBus } from '../../src/runtime/bus.js';
import { startRssSampler } from './rss-sampler.js';

const utf8 = new TextDecoder('utf-8');

/** The project's Kafka client reading the whole topic, JSON.parse of each value and nothing else. */
async function ceiling(brokers: string, topic: string): Promise<number> {
  const bus = createKafkaBus({ brokers: [brokers], allowPlaintext: true });
  const consumer = await bus.consumer({ topic, groupId: `bench-ceiling-${randomUUID()}` });
  const total = (await consumer.endOffsets()).reduce((sum, end) => sum + end.offset, 0);
  let read = 0;
  let parsed = 0;
  while (read < total) {
    const records = await consumer.fetch({ maxRecords: 10_000, maxBytes: 6_291_456, maxWaitMs: 1_000 });
    for (const record of records) if (record.value && JSON.parse(utf8.decode(record.value))) parsed += 1;
    read += records.length;
  }
  await consumer.close();
  if (parsed !== total) throw new Error(`ceiling parsed ${parsed} of ${total} records`);
  return total;
}

/** `realty run`'s drain: the local MSK trigger and the transform handler, into a local bucket and catalog. */
async function trigger(
  brokers: string,
  topic: string,
  dataDir: string,
  concurrency: string | undefined,
  threads: string | undefined,
): Promise<{ records: number; concurrency: number }> {
  const config = loadConfig({
    REALTY_DATA_DIR: dataDir,
    REALTY_BUS: 'kafka',
    REALTY_KAFKA_BROKERS: brokers,
    REALTY_KAFKA_ALLOW_PLAINTEXT: 'true',
    REALTY_TOPIC: topic,
    // A group of its own: each run drains the topic from the start.
    REALTY_CONSUMER_GROUP: `bench-${randomUUID()}`,
    ...(concurrency === undefined || concurrency === '' ? {} : { REALTY_TRIGGER_CONCURRENCY: concurrency }),
    REALTY_LOG_LEVEL: 'warn',
  });
  await ensureRawTable(catalogFor(config), config.database);
  const bus = await openBus(config);
  try {
    const session = applyFaults(NO_FAULT_SPEC, { seed: config.seed });
    const tally = await drainToTables(config, bus, {
      session,
      ...(threads === undefined ? {} : { transformThreads: Number(threads) }),
    });
    return {
      records: tally.written.size + tally.rejected.size,
      concurrency: triggerLanes(config, availableParallelism()),
    };
  } finally {
    await bus.close();
  }
}

async function main(): Promise<void> {
  const [mode, brokers = '', topic = '', dataDir = '', concurrency, threads] = process.argv.slice(2);
  const rss = startRssSampler(50);
  const threadCpu = startThreadSampler();
  const started = performance.now();
  const result =
    mode === 'ceiling'
      ? { records: await ceiling(brokers, topic), concurrency: 1 }
      : await trigger(brokers, topic, dataDir, concurrency, threads);
  const seconds = (performance.now() - started) / 1000;
  rss.stop();
  const cpu = process.cpuUsage();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    JSON.stringify({ ...result, seconds, peakRssMb: rss.peakMb(), cpuSeconds, threads: threadCpu.stop() }),
  );
}

/**
 * CPU seconds of each thread that used more than a tenth of a second (Linux: /proc/self/task), the busiest
 * first: the main thread, the transform workers (sampled each second, as they are gone by the end), V8's GC
 * helpers, libuv's pool. Empty where /proc is absent.
 */
function startThreadSampler(): { stop(): { name: string; cpuSeconds: number }[] } {
  const seen = new Map<string, number>();
  const sample = () => {
    for (const [name, cpuSeconds] of threadCpuNow()) seen.set(name, cpuSeconds);
  };
  const timer = setInterval(sample, 1_000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return [...seen]
        .map(([name, cpuSeconds]) => ({ name, cpuSeconds }))
        .filter((thread) => thread.cpuSeconds > 0.1)
        .sort((a, b) => b.cpuSeconds - a.cpuSeconds);
    },
  };
}

function threadCpuNow(): [string, number][] {
  const ticksPerSecond = 100;
  try {
    return readdirSync('/proc/self/task').map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      return [`${name}#${tid}`, (Number(fields[11]) + Number(fields[12])) / ticksPerSecond];
    });
  } catch {
    return [];
  }
}

await main();
