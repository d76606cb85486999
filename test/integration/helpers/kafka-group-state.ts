import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createKafkaBus } from '../../../src/adapters/event-bus/kafka-bus.js';
import type { TopicPartitionOffset } from '../../../src/ports/event-bus.js';
import type { KafkaBroker } from './kafka-broker.js';
import { pollUntil } from './realty-runs.js';

/** A consumer group's committed offsets next to the topic's end offsets, by partition. */
export interface GroupProgress {
  committed: TopicPartitionOffset[];
  ends: TopicPartitionOffset[];
  /** Records in the topic: the sum of the end offsets (the topic is never truncated in these tests). */
  records: number;
}

/** Reads how far `groupId` got on `topic` by joining the group briefly (no member of it may be running). */
export async function groupProgress(
  broker: KafkaBroker,
  topic: string,
  groupId: string,
): Promise<GroupProgress> {
  const bus = createKafkaBus({ brokers: [broker.bootstrap] });
  const consumer = await bus.consumer({ topic, groupId });
  try {
    const [committed, ends] = await Promise.all([consumer.committed(), consumer.endOffsets()]);
    return { committed, ends, records: ends.reduce((sum, end) => sum + end.offset, 0) };
  } finally {
    await consumer.close();
  }
}

/** Kills the broker's JVM with SIGKILL (no controlled shutdown, no flush) and waits until it is gone. */
export async function killBroker(broker: KafkaBroker): Promise<void> {
  const pid = Number((await readFile(path.join(broker.dataDir, 'kafka', 'broker.pid'), 'utf8')).trim());
  if (!Number.isInteger(pid) || pid <= 0)
    throw new Error(`no broker pid in ${broker.dataDir}/kafka/broker.pid`);
  process.kill(pid, 'SIGKILL');
  await pollUntil(`broker pid ${pid} to exit after SIGKILL`, async () => !isAlive(pid), {
    timeoutMs: 10_000,
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
