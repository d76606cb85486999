import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { type MessageToProduce, ProduceAcks, Producer } from '@platformatic/kafka';
import { clientOptions } from '../../src/adapters/event-bus/kafka/client-options.js';
import { parseKafkaBusOptions } from '../../src/adapters/event-bus/kafka/kafka-options.js';
import { createKafkaBus } from '../../src/adapters/event-bus/kafka-bus.js';
import { benchAdapter, encoded, type Plan, RECORD_BYTES, type Throughput } from '../kafka-produce.js';
import { type BenchOptions, type Figure, figure, round } from './figure.js';

const RECORDS = 100_000;
const PARTITIONS = 6;
const ROUNDS = 5;
// The first round creates connections and warms V8 for each producer: dropped.
const WARMUP_ROUNDS = 1;

/**
 * The same records through @platformatic/kafka's ProducerStream, on a producer configured as the adapter's
 * (idempotent, acks=all, snappy), with the adapter's batch limits: batchSize = batchRecords, batchTime = lingerMs.
 */
async function benchProducerStream(brokers: string, total: number, batchSize: number): Promise<Throughput> {
  const options = parseKafkaBusOptions({ brokers: [brokers] });
  const topic = `bench-stream-${randomUUID()}`;
  const bus = createKafkaBus({ brokers: [brokers] });
  const admin = bus.producer();
  await admin.ensureTopic({ topic, partitions: PARTITIONS, replicationFactor: 1 });
  await admin.close();
  const producer = new Producer({
    ...clientOptions(options),
    idempotent: true,
    acks: ProduceAcks.ALL,
    compression: options.producer.compression,
  });
  // With the default highWaterMark (16 messages) a write waits for the batchTime timer at every 16th message, so
  // every request carries 16 records (2,120 records/s measured); the stream gets room for four batches.
  const stream = producer.asStream({
    batchSize,
    batchTime: options.producer.lingerMs,
    highWaterMark: 4 * batchSize,
  });
  const source = Buffer.from('bench');
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const value = encoded[i % encoded.length]!;
    const message: MessageToProduce = {
      topic,
      key: Buffer.from(`M${7_000_000 + i}`),
      value: Buffer.from(value.buffer, value.byteOffset, value.byteLength),
      headers: new Map([[Buffer.from('realty-source'), source]]),
      timestamp: BigInt(Date.now()),
    };
    if (!stream.write(message)) await once(stream, 'drain');
  }
  await stream.close();
  const seconds = (performance.now() - started) / 1000;
  await producer.close();
  const consumer = await bus.consumer({ topic, groupId: `bench-${randomUUID()}` });
  const written = (await consumer.endOffsets()).reduce((sum, end) => sum + end.offset, 0);
  await consumer.close();
  if (written !== total)
    throw new Error(`ProducerStream: ${written} records on the broker, expected ${total}`);
  return { rps: total / seconds, mbps: (total * RECORD_BYTES) / seconds / 1e6 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/** The adapter's send queue against ProducerStream on one broker, interleaved round by round. */
export async function benchKafkaSend(options: BenchOptions, brokers: string): Promise<Figure[]> {
  const defaults = parseKafkaBusOptions({ brokers: [brokers] }).producer;
  const plan: Plan = { brokers, total: RECORDS, codecs: [], javaCodecs: [], log: options.log };
  // The adapter keeps maxInFlight requests of batchRecords on the wire; ProducerStream sends one batch at a
  // time, so it also runs with batches of maxInFlight × batchRecords (the same records in flight).
  const runs = {
    ours: () => benchAdapter(plan, defaults.compression),
    ProducerStream: () => benchProducerStream(brokers, RECORDS, defaults.batchRecords),
    [`ProducerStream-${defaults.maxInFlight * defaults.batchRecords}`]: () =>
      benchProducerStream(brokers, RECORDS, defaults.maxInFlight * defaults.batchRecords),
  };
  options.log(
    `library-kafka-send: ${RECORDS} records of ${RECORD_BYTES} B, ${defaults.compression}, acks=all, idempotent, ` +
      `${PARTITIONS} partitions, ${ROUNDS} interleaved rounds after ${WARMUP_ROUNDS} dropped`,
  );
  const rates = new Map<string, number[]>(Object.keys(runs).map((name) => [name, []]));
  for (let pass = 0; pass < WARMUP_ROUNDS + ROUNDS; pass += 1) {
    for (const [name, task] of Object.entries(runs)) {
      const { rps } = await task();
      if (pass >= WARMUP_ROUNDS) rates.get(name)!.push(rps);
      options.log(`  round ${pass + 1} ${name}: ${Math.round(rps)} records/s`);
    }
  }
  const ours = round(median(rates.get('ours')!), 0);
  const unit = `records/s (${RECORD_BYTES} B, ${defaults.compression}, acks=all, median of ${ROUNDS})`;
  return [...rates].map(([name, values]) =>
    name === 'ours'
      ? figure({
          name: 'library-kafka-send[ours]',
          value: ours,
          unit,
          baseline: 'ProducerStream, same run',
          baselineValue: round(median(rates.get('ProducerStream')!), 0),
        })
      : figure({
          name: `library-kafka-send[${name}]`,
          value: round(median(values), 0),
          unit,
          baseline: 'ours (send queue), same run',
          baselineValue: ours,
        }),
  );
}
