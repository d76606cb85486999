import { Admin, type MessageToProduce, ProduceAcks, Producer, UserError } from '@platformatic/kafka';
import { BusError } from '../../../errors.js';
import type {
  EventProducer,
  OutgoingRecord,
  TopicPartitionOffset,
  TopicSpec,
} from '../../../ports/event-bus.js';
import { type ClientOptionsExtras, clientOptions } from './client-options.js';
import { ensureKafkaTopic } from './ensure-topic.js';
import { kafkaError } from './kafka-error.js';
import type { ResolvedKafkaOptions } from './kafka-options.js';
import { offsetsInOrder, partitionsFor, recordBytes } from './send-plan.js';
import { createSendQueue, type SendQueue } from './send-queue.js';

interface QueuedRecord {
  partition: number;
  bytes: number;
  timestamp: number;
  message: MessageToProduce;
  settle: (result: number | BusError) => void;
}

/**
 * An EventProducer on Kafka: idempotent, acks=all, compressed, keyed records placed by Kafka's default
 * partitioner (so a key lands in the same partition as on the embedded log), sent in batches with linger.
 */
export function createKafkaProducer(
  options: ResolvedKafkaOptions,
  extras: ClientOptionsExtras = {},
): EventProducer {
  const base = clientOptions(options, extras);
  const client = new Producer({
    ...base,
    idempotent: true,
    acks: ProduceAcks.ALL,
    compression: options.producer.compression,
  });
  let admin: Admin | undefined;
  const queues = new Map<string, SendQueue<QueuedRecord>>();
  let roundRobin = 0;
  let closed = false;

  const sendRequest = async (topic: string, items: QueuedRecord[]): Promise<void> => {
    try {
      const result = await client.send({ messages: items.map((item) => item.message) });
      const baseOffsets = new Map<number, bigint>();
      for (const written of result.offsets ?? []) {
        if (written.topic === topic) baseOffsets.set(written.partition, written.offset);
      }
      const offsets = offsetsInOrder(
        items.map((item) => item.partition),
        baseOffsets,
      );
      items.forEach((item, i) => {
        item.settle(offsets[i]!);
      });
    } catch (error) {
      const failure = kafkaError(`producing ${items.length} records to ${topic}`, error);
      for (const item of items) item.settle(failure);
    }
  };

  const queueFor = (topic: string): SendQueue<QueuedRecord> => {
    let queue = queues.get(topic);
    if (!queue) {
      queue = createSendQueue({ limits: options.producer, send: (items) => sendRequest(topic, items) });
      queues.set(topic, queue);
    }
    return queue;
  };

  // One quick look first, so a missing topic is reported at once; then the client's retries, which ride
  // out a broker restart.
  const partitionCount = async (topic: string): Promise<number> => {
    let count: number | undefined;
    for (const retries of [0, options.retries]) {
      try {
        count = (await client.metadata({ topics: [topic], retries })).topics.get(topic)?.partitionsCount;
        break;
      } catch (error) {
        if (isUnknownTopic(error)) break;
        if (retries > 0)
          throw kafkaError(`reading the metadata of ${topic}`, error, `are ${options.brokers} up?`);
      }
    }
    if (count) return count;
    throw new BusError(
      `topic ${topic} does not exist on the brokers: \`realty run\` creates it on its first ingest (on MSK, the deploy does); check REALTY_KAFKA_BROKERS`,
    );
  };

  return {
    async ensureTopic(spec: TopicSpec): Promise<void> {
      admin ??= new Admin(base);
      await ensureKafkaTopic(admin, spec);
    },

    async produce(topic: string, records: readonly OutgoingRecord[]): Promise<TopicPartitionOffset[]> {
      if (closed) throw new BusError('the Kafka producer is closed; create a new one');
      if (records.length === 0) return [];
      const partitions = partitionsFor(records, await partitionCount(topic), () => roundRobin++);
      const now = Date.now(); // Kafka's producer stamps a record without a time when it is sent
      return new Promise((resolve, reject) => {
        const placed: TopicPartitionOffset[] = new Array(records.length);
        let left = records.length;
        let failure: BusError | undefined;
        const settle = (i: number) => (result: number | BusError) => {
          if (result instanceof BusError) failure ??= result;
          else placed[i] = { topic, partition: partitions[i]!, offset: result };
          left -= 1;
          if (left > 0) return;
          if (failure) reject(failure);
          else resolve(placed);
        };
        const items = records.map((record, i) => {
          const timestamp = record.timestamp ?? now;
          const message = toMessage(topic, partitions[i]!, record, timestamp);
          return {
            partition: partitions[i]!,
            bytes: recordBytes(record),
            timestamp,
            message,
            settle: settle(i),
          };
        });
        queueFor(topic).enqueue(items);
      });
    },

    async close(): Promise<void> {
      closed = true;
      await Promise.all([...queues.values()].map((queue) => queue.drained()));
      await Promise.all([client.close(), admin?.close()]);
    },
  };
}

// Header names repeat on every record (lineage headers): encode each once.
const headerNames = new Map<string, Buffer>();
function headerName(name: string): Buffer {
  let bytes = headerNames.get(name);
  if (!bytes) {
    bytes = Buffer.from(name);
    if (headerNames.size < 1024) headerNames.set(name, bytes);
  }
  return bytes;
}

function toMessage(
  topic: string,
  partition: number,
  record: OutgoingRecord,
  timestamp: number,
): MessageToProduce {
  const headers = new Map<Buffer, Buffer>();
  for (const name in record.headers) headers.set(headerName(name), Buffer.from(record.headers[name]!));
  const message: MessageToProduce = {
    topic,
    partition,
    value: Buffer.from(record.value.buffer, record.value.byteOffset, record.value.byteLength),
    headers,
    timestamp: BigInt(timestamp),
  };
  if (record.key !== null) message.key = Buffer.from(record.key);
  return message;
}

// The client's own words for UNKNOWN_TOPIC_OR_PARTITION in a metadata answer.
function isUnknownTopic(error: unknown): boolean {
  return error instanceof UserError && error.message.startsWith('Unknown topic');
}
