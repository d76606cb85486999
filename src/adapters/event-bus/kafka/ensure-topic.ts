import { setTimeout as sleep } from 'node:timers/promises';
import { type Admin, findErrorBy } from '@platformatic/kafka';
import { BusError } from '../../../errors.js';
import type { TopicSpec } from '../../../ports/event-bus.js';
import { kafkaError } from './kafka-error.js';

const POLL_MS = 100;

/**
 * Creates a topic unless it exists, then waits until every partition has a leader (a new topic takes a
 * moment). An existing topic must have the partition count asked for: with another, keys land elsewhere.
 */
export async function ensureKafkaTopic(admin: Admin, spec: TopicSpec, timeoutMs = 30_000): Promise<void> {
  checkSpec(spec);
  try {
    await admin.createTopics({
      topics: [spec.topic],
      partitions: spec.partitions,
      replicas: spec.replicationFactor,
    });
  } catch (error) {
    if (!findErrorBy(error as Error, 'apiId', 'TOPIC_ALREADY_EXISTS')) {
      throw kafkaError(
        `creating topic ${spec.topic}`,
        error,
        'replication cannot exceed the number of brokers',
      );
    }
  }
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no metadata yet';
  while (Date.now() < deadline) {
    try {
      const topic = (await admin.metadata({ topics: [spec.topic], forceUpdate: true })).topics.get(
        spec.topic,
      );
      if (topic && topic.partitionsCount !== spec.partitions && !spec.keepExistingPartitions)
        throw mismatch(spec, topic.partitionsCount);
      if (topic?.partitions.every((partition) => partition.leader >= 0)) return;
      lastProblem = 'some partitions have no leader yet';
    } catch (error) {
      if (error instanceof BusError) throw error;
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await sleep(POLL_MS);
  }
  throw new BusError(
    `topic ${spec.topic} was not ready within ${timeoutMs} ms (${lastProblem}); is the broker healthy?`,
  );
}

function mismatch(spec: TopicSpec, actual: number): BusError {
  return new BusError(
    `topic ${spec.topic} exists with ${actual} partitions, not ${spec.partitions}: keyed records would land ` +
      `in other partitions than configured; set ${spec.partitionsSetting ?? 'the partition count'} to ${actual} or recreate the topic`,
  );
}

function checkSpec(spec: TopicSpec): void {
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(spec.topic)) {
    throw new BusError(
      `"${spec.topic}" is not a valid Kafka topic name (letters, digits, . _ -, at most 249)`,
    );
  }
  for (const [name, value] of [
    ['partitions', spec.partitions],
    ['replicationFactor', spec.replicationFactor],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new BusError(`topic ${spec.topic}: ${name} must be a whole number of at least 1, got ${value}`);
    }
  }
}
