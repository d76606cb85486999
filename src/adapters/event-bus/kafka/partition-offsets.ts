import type { Consumer } from '@platformatic/kafka';

// ListOffsets timestamps meaning "log start" and "log end" (Kafka's ListOffsetsRequest.EARLIEST/LATEST_TIMESTAMP).
const EARLIEST = -2n;
const LATEST = -1n;

/** Offsets of one topic's partitions as the group and the broker know them. */
export interface PartitionOffsets {
  /** All partition numbers of the topic. */
  partitions(): Promise<number[]>;
  /** The group's committed offset (next to read) per partition; -1 where nothing was committed. */
  committed(partitions: number[]): Promise<bigint[]>;
  earliest(partitions: number[]): Promise<bigint[]>;
  /** Log-end offsets (the last stable offset under read_committed, which is the same without transactions). */
  latest(partitions: number[]): Promise<bigint[]>;
  /** Where a member starts: the committed offset, or the log start where none (auto.offset.reset=earliest). */
  starts(partitions: number[]): Promise<bigint[]>;
}

/** Offset lookups of `topic` through a group member's client. */
export function partitionOffsets(client: Consumer, topic: string): PartitionOffsets {
  const listAt = async (partitions: number[], timestamp: bigint): Promise<bigint[]> => {
    if (partitions.length === 0) return [];
    const listed = await client.listOffsets({
      topics: [topic],
      partitions: { [topic]: partitions },
      timestamp,
    });
    return partitions.map((partition) => listed.get(topic)?.[partition] ?? 0n);
  };
  const committed = async (partitions: number[]): Promise<bigint[]> => {
    if (partitions.length === 0) return [];
    const listed = (await client.listCommittedOffsets({ topics: [{ topic, partitions }] })).get(topic) ?? [];
    return partitions.map((partition) => listed[partition] ?? -1n);
  };
  return {
    async partitions() {
      const count = (await client.metadata({ topics: [topic] })).topics.get(topic)?.partitionsCount ?? 0;
      return Array.from({ length: count }, (_, partition) => partition);
    },
    committed,
    earliest: (partitions) => listAt(partitions, EARLIEST),
    latest: (partitions) => listAt(partitions, LATEST),
    async starts(partitions) {
      const from = await committed(partitions);
      const uncommitted = partitions.filter((_, i) => from[i]! < 0n);
      const earliest = await listAt(uncommitted, EARLIEST);
      return partitions.map((partition, i) =>
        from[i]! >= 0n ? from[i]! : earliest[uncommitted.indexOf(partition)]!,
      );
    },
  };
}
