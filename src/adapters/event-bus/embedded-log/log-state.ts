import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { BusError } from '../../../errors.js';
import type { Clock } from '../../../ports/clock.js';
import type { TopicSpec } from '../../../ports/event-bus.js';
import { AppendSignal } from './append-signal.js';
import type { PartitionLogOptions } from './partition-log.js';
import { TopicLog } from './topic-log.js';
import type { WriterLock } from './writer-lock.js';

export interface LogSettings extends PartitionLogOptions {
  root: string;
  clock: Clock;
  /** How often a waiting fetch of a read-only open looks at the disk for records another process appended. */
  pollIntervalMs: number;
}

/** What the producer and the consumers of one open log share: topics, the write queue, the append signal. */
export class LogState {
  readonly signal = new AppendSignal();
  private readonly topics = new Map<string, TopicLog>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(
    readonly settings: LogSettings,
    private readonly lock: WriterLock | undefined,
  ) {}

  /** Runs `task` after every task queued before it: one append or topic change at a time. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      this.assertOpen();
      return task();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  assertOpen(): void {
    if (this.closed)
      throw new BusError(`the event log at ${this.settings.root} is closed: open it again to use it`);
  }

  /** The topic, loaded from disk on first use (and looked for again while missing); undefined if absent. */
  topic(name: string): Promise<TopicLog | undefined> {
    const loaded = this.topics.get(name);
    if (loaded !== undefined) return Promise.resolve(loaded);
    return this.exclusive(async () => this.topics.get(name) ?? this.load(name));
  }

  /** The topic, or a BusError saying to create it first. */
  async requireTopic(name: string): Promise<TopicLog> {
    const topic = await this.topic(name);
    if (topic === undefined) {
      throw new BusError(
        `topic ${name} does not exist in the event log at ${this.settings.root}: \`realty run\` creates it on its first ingest; check --data-dir (REALTY_DATA_DIR)`,
      );
    }
    return topic;
  }

  /** Creates the topic unless it exists; an existing topic with another partition count is an error unless kept. */
  ensureTopic(spec: TopicSpec): Promise<void> {
    checkSpec(spec);
    return this.exclusive(async () => {
      const existing = this.topics.get(spec.topic) ?? (await this.load(spec.topic));
      if (existing === undefined) {
        if (this.settings.readOnly)
          throw new BusError('this event log was opened read-only: it cannot create topics');
        this.topics.set(
          spec.topic,
          await TopicLog.create(this.settings.root, spec.topic, spec.partitions, this.settings),
        );
      } else if (existing.partitions.length !== spec.partitions && !spec.keepExistingPartitions) {
        const setting = spec.partitionsSetting
          ? `; set ${spec.partitionsSetting} to ${existing.partitions.length} or unset it`
          : '';
        throw new BusError(
          `topic ${spec.topic} exists with ${existing.partitions.length} partitions, not ${spec.partitions}: ` +
            `changing the count would move keys to other partitions; keep the count or use a new log directory${setting}`,
        );
      }
    });
  }

  /** Opens every topic on disk now, so damage is found (and a torn tail repaired) when the log opens. */
  async loadAll(): Promise<void> {
    const names = await readdir(path.join(this.settings.root, 'topics')).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      },
    );
    for (const name of names.sort()) await this.topic(name);
  }

  /** Closes every open file and releases the writer lock, once; later calls of other methods fail. */
  close(): Promise<void> {
    this.closing ??= this.exclusive(async () => {
      this.closed = true;
      for (const topic of this.topics.values()) await topic.close();
      await this.lock?.release();
      this.signal.notify();
    });
    return this.closing;
  }

  private async load(name: string): Promise<TopicLog | undefined> {
    const topic = await TopicLog.open(this.settings.root, name, this.settings);
    if (topic !== undefined) this.topics.set(name, topic);
    return topic;
  }
}

function checkSpec(spec: TopicSpec): void {
  if (!Number.isInteger(spec.partitions) || spec.partitions < 1 || spec.partitions > 10_000) {
    throw new BusError(`topic ${spec.topic} needs 1 to 10000 partitions, got ${spec.partitions}`);
  }
  if (!Number.isInteger(spec.replicationFactor) || spec.replicationFactor < 1) {
    throw new BusError(
      `topic ${spec.topic} needs a replication factor of at least 1, got ${spec.replicationFactor}`,
    );
  }
}
