import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { BusError, ConfigError } from '../../errors.js';
import { type Clock, systemClock } from '../../ports/clock.js';
import type { EventConsumer, EventProducer } from '../../ports/event-bus.js';
import { createEmbeddedConsumer } from './embedded-log/embedded-consumer.js';
import { createEmbeddedProducer } from './embedded-log/embedded-producer.js';
import { LogState } from './embedded-log/log-state.js';
import { acquireWriterLock } from './embedded-log/writer-lock.js';

export interface EmbeddedLogOptions {
  /** Root directory of the log: `topics/`, `groups/` and the `writer.lock` file live here. */
  dir: string;
  /** Create time of records produced without a timestamp; the system clock by default. */
  clock?: Clock;
  /** Read (and commit group offsets) without taking the writer lock, e.g. beside a running pipeline. */
  readOnly?: boolean;
  /** A segment file is closed and a new one started past this size (Kafka's segment.bytes); 64 MiB. */
  segmentBytes?: number;
  /** About one sparse-index entry per this many bytes of log (Kafka's index.interval.bytes); 16 KiB. */
  indexIntervalBytes?: number;
  /** How often a waiting fetch of a read-only open checks the disk for new records; 50 ms. */
  pollIntervalMs?: number;
}

/** A durable, partitioned, Kafka-like log in one directory, serving one producer view and many consumers. */
export interface EmbeddedLog {
  readonly dir: string;
  /** The producer; keyed records land where Kafka's default partitioner puts them. */
  producer(): EventProducer;
  /** A consumer-group member reading every partition of `topic` from the group's committed offsets. */
  consumer(options: { topic: string; groupId: string }): Promise<EventConsumer>;
  /** Closes files and releases the writer lock. */
  close(): Promise<void>;
}

const positiveInt = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));
const optionsSchema = v.strictObject({
  dir: v.pipe(v.string(), v.nonEmpty()),
  clock: v.optional(v.function()),
  readOnly: v.optional(v.boolean()),
  segmentBytes: v.optional(positiveInt(2 ** 31)),
  indexIntervalBytes: v.optional(positiveInt(2 ** 30)),
  pollIntervalMs: v.optional(positiveInt(60_000)),
});

/** Opens (creating when missing) the log in `options.dir`: checks every segment, repairs a torn tail, locks it. */
export async function openEmbeddedLog(options: EmbeddedLogOptions): Promise<EmbeddedLog> {
  const parsed = v.safeParse(optionsSchema, options);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = issue.path?.map((p) => String(p.key)).join('.') ?? '?';
    throw new ConfigError(
      `embedded log option '${key}' is invalid (${issue.message}); see EmbeddedLogOptions`,
    );
  }
  const root = path.resolve(options.dir);
  const readOnly = options.readOnly ?? false;
  if (!readOnly) await mkdir(root, { recursive: true });
  const lock = readOnly ? undefined : await acquireWriterLock(path.join(root, 'writer.lock'));
  const state = new LogState(
    {
      root,
      readOnly,
      clock: options.clock ?? systemClock,
      segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024,
      indexIntervalBytes: options.indexIntervalBytes ?? 16 * 1024,
      pollIntervalMs: options.pollIntervalMs ?? 50,
    },
    lock,
  );
  try {
    await state.loadAll();
  } catch (error) {
    await state.close();
    throw error;
  }
  let producer: EventProducer | undefined;
  return {
    dir: root,
    producer() {
      state.assertOpen();
      if (readOnly)
        throw new BusError(
          `the event log at ${root} was opened for reading (by reconcile or replay); only \`realty run\` writes to it`,
        );
      producer ??= createEmbeddedProducer(state);
      return producer;
    },
    consumer: (ids) => createEmbeddedConsumer(state, ids),
    close: () => state.close(),
  };
}
