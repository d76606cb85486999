import { setTimeout as sleep } from 'node:timers/promises';
import { Consumer, findErrorBy } from '@platformatic/kafka';
import { BusError } from '../../../errors.js';
import type { EventConsumer, FetchLimits, TopicPartitionOffset } from '../../../ports/event-bus.js';
import { type ClientOptionsExtras, clientOptions } from './client-options.js';
import { createFetchBuffer } from './fetch-buffer.js';
import { fetchPartitions } from './fetch-partitions.js';
import { kafkaError } from './kafka-error.js';
import type { ResolvedKafkaOptions } from './kafka-options.js';
import { operationBudgetMs, withDeadline } from './operation-deadline.js';
import { partitionOffsets } from './partition-offsets.js';

export interface KafkaConsumerTarget {
  topic: string;
  groupId: string;
}

/**
 * Joins a consumer group on one topic and returns it as an EventConsumer: records are pulled with
 * explicit fetches from the group's committed offsets (the log start where none), nothing is ever
 * committed automatically, and a rebalance keeps the positions of partitions that stay. An operation the
 * broker does not answer within the budget (operation-deadline.ts) fails, and so does every later one.
 */
export async function openKafkaConsumer(
  options: ResolvedKafkaOptions,
  target: KafkaConsumerTarget,
  extras: ClientOptionsExtras = {},
): Promise<EventConsumer> {
  const { topic, groupId } = target;
  const client = new Consumer({
    ...clientOptions(options, extras),
    groupId,
    autocommit: false,
    sessionTimeout: options.consumer.sessionTimeoutMs,
    heartbeatInterval: options.consumer.heartbeatIntervalMs,
    rebalanceTimeout: options.consumer.rebalanceTimeoutMs,
    minBytes: 1,
  });
  // A failed background rejoin is emitted as 'error'; unheard, it would crash the process.
  let backgroundError: unknown;
  client.on('error', (error) => {
    backgroundError = error;
  });
  client.topics.track(topic);
  const budgetMs = operationBudgetMs(options);
  let broken: BusError | undefined;
  const giveUp = (what: string, waitedMs: number): BusError => {
    broken = new BusError(
      `${what} failed: no answer from ${options.brokers.join(', ')} within ${waitedMs} ms; check that the ` +
        'broker is up, then run again: the group resumes from its committed offsets, nothing is lost',
    );
    // Closing ends the client's retries still running in the background.
    client.close(true).catch(() => undefined);
    return broken;
  };
  const join = async (): Promise<void> => {
    const what = `joining consumer group ${groupId} on topic ${topic}`;
    // A join may wait a whole rebalance for the other members.
    const waitMs = options.consumer.rebalanceTimeoutMs + budgetMs;
    try {
      await withDeadline(client.joinGroup({}), waitMs, () => giveUp(what, waitMs));
    } catch (error) {
      await client.close(true).catch(() => undefined);
      throw kafkaError(what, error, 'does the topic exist?');
    }
  };
  await join();

  const buffer = createFetchBuffer();
  let syncedGeneration = Number.NaN;

  const offsets = partitionOffsets(client, topic);

  /** Follows the group's assignment: drops partitions taken away, positions new ones. */
  const sync = async (): Promise<void> => {
    if (backgroundError !== undefined) {
      backgroundError = undefined;
      await join();
    }
    if (client.generationId === syncedGeneration) return;
    const generation = client.generationId;
    const assigned = new Set(
      (client.assignments ?? []).filter((a) => a.topic === topic).flatMap((a) => a.partitions),
    );
    buffer.retain(assigned);
    const added = [...assigned].filter((partition) => !buffer.positions.has(partition));
    const starts = await offsets.starts(added);
    added.forEach((partition, i) => {
      buffer.positions.set(partition, starts[i]!);
    });
    syncedGeneration = generation;
  };

  // A position outside the log (retention deleted it, or a seek past the end) restarts inside it.
  const clampPositions = async (): Promise<void> => {
    const partitions = [...buffer.positions.keys()];
    const [earliest, latest] = await Promise.all([offsets.earliest(partitions), offsets.latest(partitions)]);
    partitions.forEach((partition, i) => {
      const position = buffer.positions.get(partition)!;
      if (position < earliest[i]!) buffer.positions.set(partition, earliest[i]!);
      else if (position > latest[i]!) buffer.positions.set(partition, latest[i]!);
    });
  };

  const fill = async (limits: FetchLimits): Promise<void> => {
    if (buffer.positions.size === 0) {
      await sleep(limits.maxWaitMs); // nothing assigned (more members than partitions): an empty poll
      return;
    }
    const fetched = await fetchPartitions(client, topic, buffer.positions, limits);
    for (const [partition, records] of fetched) buffer.add(partition, records);
  };

  const guard = async <T>(action: string, work: () => Promise<T>, waitMs = 0): Promise<T> => {
    if (broken) throw broken;
    const what = `${action} (group ${groupId}, topic ${topic})`;
    try {
      return await withDeadline(work(), budgetMs + waitMs, () => giveUp(what, budgetMs + waitMs));
    } catch (error) {
      throw kafkaError(what, error);
    }
  };

  return {
    fetch: (limits) =>
      guard(
        'fetching',
        async () => {
          await sync();
          if (buffer.isEmpty) {
            try {
              await fill(limits);
            } catch (error) {
              if (!findErrorBy(error as Error, 'apiId', 'OFFSET_OUT_OF_RANGE')) throw error;
              await clampPositions();
            }
          }
          return buffer.take(limits);
        },
        limits.maxWaitMs,
      ),

    seek: (position: TopicPartitionOffset) =>
      guard('seeking', async () => {
        await sync();
        if (position.topic !== topic || !buffer.positions.has(position.partition)) {
          throw new BusError(
            `cannot seek ${position.topic}-${position.partition}: this member of ${groupId} is assigned ` +
              `${topic} partitions [${[...buffer.positions.keys()].join(', ')}]`,
          );
        }
        buffer.seek(position.partition, BigInt(position.offset));
      }),

    commit: (positions) =>
      guard('committing offsets', async () => {
        if (positions.length === 0) return;
        await client.commit({
          offsets: positions.map((p) => ({ ...p, offset: BigInt(p.offset), leaderEpoch: -1 })),
        });
      }),

    committed: () =>
      guard('reading committed offsets', async () => {
        const partitions = await offsets.partitions();
        const committed = await offsets.committed(partitions);
        return partitions.map((partition, i) => ({
          topic,
          partition,
          offset: Math.max(0, Number(committed[i])),
        }));
      }),

    endOffsets: () =>
      guard('reading end offsets', async () => {
        const partitions = await offsets.partitions();
        const ends = await offsets.latest(partitions);
        return partitions.map((partition, i) => ({ topic, partition, offset: Number(ends[i]) }));
      }),

    // After a give-up the client is already closed (or closing): closing again must not hide the first error.
    close: () =>
      broken
        ? client.close(true).catch(() => undefined)
        : guard('closing the consumer', () => client.close()),
  };
}
