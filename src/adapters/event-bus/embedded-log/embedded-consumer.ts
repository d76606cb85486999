import { performance } from 'node:perf_hooks';
import { BusError } from '../../../errors.js';
import type {
  ConsumedRecord,
  EventConsumer,
  FetchLimits,
  TopicPartitionOffset,
} from '../../../ports/event-bus.js';
import { groupOffsetsFile, readCommittedOffsets, writeCommittedOffsets } from './group-offsets.js';
import { checkGroupId } from './log-names.js';
import type { LogState } from './log-state.js';
import type { TopicLog } from './topic-log.js';

/** An EventConsumer over the embedded log: one group member reading every partition of one topic. */
export async function createEmbeddedConsumer(
  state: LogState,
  ids: { topic: string; groupId: string },
): Promise<EventConsumer> {
  checkGroupId(ids.groupId);
  const log = await state.requireTopic(ids.topic);
  const file = groupOffsetsFile(state.settings.root, ids.groupId, ids.topic);
  const committed = await readCommittedOffsets(file);
  return new EmbeddedConsumer(state, log, ids.groupId, file, committed);
}

class EmbeddedConsumer implements EventConsumer {
  private readonly positions: number[];
  private nextPartition = 0;
  private commits: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly state: LogState,
    private readonly log: TopicLog,
    private readonly groupId: string,
    private readonly file: string,
    committed: Map<number, number>,
  ) {
    this.positions = log.partitions.map((_, p) => committed.get(p) ?? 0);
  }

  /** Next records after the position, within `limits`; waits up to maxWaitMs for the first one. */
  async fetch(limits: FetchLimits): Promise<ConsumedRecord[]> {
    this.assertOpen();
    checkLimits(limits);
    const { signal, settings } = this.state;
    const deadline = performance.now() + limits.maxWaitMs;
    for (;;) {
      const seen = signal.version;
      if (settings.readOnly) await this.log.refresh();
      const records = await this.readAvailable(limits);
      const left = deadline - performance.now();
      if (records.length > 0 || left <= 0 || this.closed || this.state.isClosed) return records;
      // Same-process appends wake the wait at once; another process's appends are seen at the next poll.
      await signal.wait(settings.readOnly ? Math.min(left, settings.pollIntervalMs) : left, seen);
    }
  }

  /** Moves the position of a partition to `offset`. */
  async seek(position: TopicPartitionOffset): Promise<void> {
    this.assertOpen();
    this.positions[checkPosition(this.log, position)] = position.offset;
  }

  /** Commits, per partition, the offset of the next record to read (atomic file replace). */
  async commit(positions: readonly TopicPartitionOffset[]): Promise<void> {
    this.assertOpen();
    for (const position of positions) checkPosition(this.log, position);
    const run = this.commits.then(async () => {
      // Re-read first: other members of the group (other processes too) may have committed other partitions.
      const current = await readCommittedOffsets(this.file);
      for (const { partition, offset } of positions) current.set(partition, offset);
      await writeCommittedOffsets(this.file, { group: this.groupId, topic: this.log.name }, current);
    });
    this.commits = run.catch(() => undefined);
    await run;
  }

  /** Committed offset per partition; 0 where nothing was committed. */
  async committed(): Promise<TopicPartitionOffset[]> {
    this.assertOpen();
    const offsets = await readCommittedOffsets(this.file);
    return this.log.partitions.map((_, partition) => ({
      topic: this.log.name,
      partition,
      offset: offsets.get(partition) ?? 0,
    }));
  }

  /** Log-end offset per partition. */
  async endOffsets(): Promise<TopicPartitionOffset[]> {
    this.assertOpen();
    if (this.state.settings.readOnly) await this.log.refresh();
    return this.log.partitions.map((p, partition) => ({
      topic: this.log.name,
      partition,
      offset: p.endOffset,
    }));
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    this.state.assertOpen();
    if (this.closed) throw new BusError(`this consumer of group ${this.groupId} is closed: create a new one`);
  }

  /** Reads what is there now, partition after partition from a start that rotates so none is starved. */
  private async readAvailable(limits: FetchLimits): Promise<ConsumedRecord[]> {
    const count = this.log.partitions.length;
    const out: ConsumedRecord[] = [];
    let bytes = 0;
    for (let k = 0; k < count && out.length < limits.maxRecords && bytes < limits.maxBytes; k++) {
      const partition = (this.nextPartition + k) % count;
      const result = await this.log.partition(partition).read(this.positions[partition]!, {
        maxRecords: limits.maxRecords - out.length,
        maxBytes: limits.maxBytes - bytes,
        atLeastOne: out.length === 0,
      });
      for (const record of result.records) {
        out.push({ topic: this.log.name, partition, timestampType: 'CREATE_TIME', ...record });
      }
      const last = result.records.at(-1);
      if (last !== undefined) this.positions[partition] = last.offset + 1;
      bytes += result.bytes;
    }
    this.nextPartition = (this.nextPartition + 1) % count;
    return out;
  }
}

function checkLimits(limits: FetchLimits): void {
  const { maxRecords, maxBytes, maxWaitMs } = limits;
  const whole = (n: number, min: number) => Number.isSafeInteger(n) && n >= min;
  if (!whole(maxRecords, 1) || !whole(maxBytes, 1) || !whole(maxWaitMs, 0)) {
    throw new BusError(
      `fetch limits must be integers with maxRecords >= 1, maxBytes >= 1 and maxWaitMs >= 0, got ${JSON.stringify(limits)}`,
    );
  }
}

function checkPosition(log: TopicLog, position: TopicPartitionOffset): number {
  if (position.topic !== log.name) {
    throw new BusError(
      `this consumer reads topic ${log.name}, not ${position.topic}: use a consumer of that topic`,
    );
  }
  if (!Number.isSafeInteger(position.offset) || position.offset < 0) {
    throw new BusError(
      `offset must be a non-negative integer, got ${position.offset} for partition ${position.partition}`,
    );
  }
  log.partition(position.partition);
  return position.partition;
}
