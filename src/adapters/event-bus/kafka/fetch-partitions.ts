import type { Consumer, FetchOptions } from '@platformatic/kafka';
import { BusError } from '../../../errors.js';
import type { FetchLimits } from '../../../ports/event-bus.js';
import { type FetchedPartition, recordsFromBatches } from './fetched-records.js';

type PartitionRequest = FetchOptions<Buffer, Buffer, Buffer, Buffer>['topics'][number]['partitions'][number];

// Kafka fills a fetch response partition by partition, each up to its partitionMaxBytes: with the whole budget
// per partition, a busy topic's answer is all one partition, and a trigger that delivers partitions in parallel
// finds one lane fed and the others empty. An equal share each (Kafka's own consumer splits fetch.max.bytes
// 50 MB into max.partition.fetch.bytes 1 MB) feeds them all; a partition still gets its first batch whole.
const MIN_PARTITION_BYTES = 64 * 1024;

/** Bytes each partition may fill of a fetch of `maxBytes` over `partitions` partitions. */
export function sharePerPartition(maxBytes: number, partitions: number): number {
  return Math.max(Math.min(MIN_PARTITION_BYTES, maxBytes), Math.floor(maxBytes / Math.max(1, partitions)));
}

/**
 * One Fetch round for the given positions: one request per partition leader, each waiting at most
 * maxWaitMs for data (the broker's long poll) and answering with at most maxBytes (but at least one batch).
 */
export async function fetchPartitions(
  client: Consumer,
  topic: string,
  positions: ReadonlyMap<number, bigint>,
  limits: FetchLimits,
): Promise<Map<number, FetchedPartition>> {
  const info = (await client.metadata({ topics: [topic] })).topics.get(topic);
  if (!info) throw new BusError(`topic ${topic} has no metadata; does it exist?`);
  const byLeader = new Map<number, PartitionRequest[]>();
  const partitionMaxBytes = sharePerPartition(limits.maxBytes, positions.size);
  for (const [partition, fetchOffset] of positions) {
    const leader = info.partitions[partition]?.leader ?? -1;
    const request = { partition, fetchOffset, partitionMaxBytes };
    byLeader.set(leader, [
      ...(byLeader.get(leader) ?? []),
      { ...request, currentLeaderEpoch: -1, lastFetchedEpoch: -1 },
    ]);
  }
  const rounds = await Promise.all(
    [...byLeader].map(async ([node, requested]) => {
      const response = await client.fetch({
        node,
        topics: [{ topicId: info.id, partitions: requested }],
        maxWaitTime: limits.maxWaitMs,
        maxBytes: limits.maxBytes,
        minBytes: 1,
      });
      return { requested, response };
    }),
  );
  const fetched = new Map<number, FetchedPartition>();
  for (const { requested, response } of rounds) {
    for (const answer of response.responses
      .filter((r) => r.topicId === info.id)
      .flatMap((r) => r.partitions)) {
      const asked = requested.find((r) => r.partition === answer.partitionIndex);
      // A fetch session may answer for partitions not asked this time: their data is not ours to take.
      if (!asked || !answer.records) continue;
      fetched.set(
        asked.partition,
        recordsFromBatches(topic, asked.partition, answer.records, asked.fetchOffset),
      );
    }
  }
  return fetched;
}
