import { BusError } from '../errors.js';
import type { EsmSettings } from '../msk/esm-settings.js';
import type { MskEventSource } from '../msk/msk-event.js';
import type { MskBatchResponse, MskEvent } from '../msk/msk-event-types.js';
import type { Clock } from '../ports/clock.js';
import type { ConsumedRecord, EventConsumer } from '../ports/event-bus.js';
import type { ObjectStore } from '../ports/object-store.js';
import { assembleEsmBatch } from './esm-batch-assembler.js';
import { deliverEsmBatch } from './esm-batch-delivery.js';
import { EsmOffsetTracker } from './esm-offset-tracker.js';
import { runPartitionLanes } from './esm-partition-lanes.js';
import { createEsmRuntime, type EsmRuntime, isAborted } from './esm-runtime.js';
import type { EsmStats } from './esm-stats.js';

/** How runEventSourceMapping is called: the Lambda MSK trigger's settings plus what stands in for AWS. */
export interface EventSourceMappingOptions {
  consumer: EventConsumer;
  /** The function: the transform handler. A throw is a function error; the return may be a partial batch response. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is an async function of Promise<void>
  invoke: (event: MskEvent) => Promise<MskBatchResponse | void>;
  /**
   * The function handed the batch's records instead of the event, when it builds the event itself with
   * buildMskEvent (a worker thread does, from the records' bytes): the trigger then never encodes them. Set,
   * it is called instead of `invoke`, with the same records, retries and rules.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: as invoke
  invokeRecords?: (records: readonly ConsumedRecord[]) => Promise<MskBatchResponse | void>;
  /**
   * How a batch's records become the event `invoke` gets: buildMskEvent (the default) or buildByteBackedMskEvent,
   * the same event serialised, whose records hand the handler their bytes without a base64 round trip.
   */
  buildEvent?: (records: readonly ConsumedRecord[], source: MskEventSource) => MskEvent;
  /** Validated with parseEsmSettings. */
  settings: EsmSettings;
  source: MskEventSource;
  /** `drain`: stop once the group has committed up to the end offsets. `follow`: run until `signal` aborts. */
  mode: 'drain' | 'follow';
  signal?: AbortSignal;
  /** The on-failure destination (an S3 bucket in AWS); without it, given-up records are discarded. */
  onFailure?: ObjectStore;
  /** Written into on-failure records. */
  functionArn?: string;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  newRequestId?: () => string;
  /** First delay before a retry, doubled on each retry of the same records, up to a minute. Default 100. */
  retryBackoffMs?: number;
  /** How long one fetch may wait for records when no batch is open. Default 1000. */
  idlePollMs?: number;
  /** Counts to add to (e.g. one object over several runs); a fresh one by default. */
  stats?: EsmStats;
  /**
   * Batches in flight at once, each of one partition and never two of one partition (as Lambda's pollers);
   * unset delivers one batch at a time, each holding records of any partition.
   */
  concurrency?: number;
  /** Told of every function error, e.g. to log it; the error is then handled as Lambda does (retry, on-failure). */
  onFunctionError?: (error: unknown, records: readonly ConsumedRecord[]) => void;
}

/**
 * The Lambda MSK trigger off Lambda: polls the consumer from the group's committed offsets, builds byte-exact
 * MSK events, invokes the function and applies Lambda's batching, retry and on-failure rules, committing only
 * past records that succeeded or went to the on-failure destination.
 */
export async function runEventSourceMapping(options: EventSourceMappingOptions): Promise<EsmStats> {
  const { consumer } = options;
  const committed = await consumer.committed();
  const runtime = createEsmRuntime(options, new EsmOffsetTracker(committed));
  // Lambda's poller starts each partition at the group's committed offset.
  for (const position of committed) await consumer.seek(position);
  const carry: ConsumedRecord[] = [];
  let idleRounds = 0;
  try {
    if (options.concurrency !== undefined) {
      await runPartitionLanes(runtime, options.concurrency, (idle) => isDrained(runtime, idle));
      return runtime.stats;
    }
    while (!isAborted(runtime)) {
      if (options.mode === 'drain' && carry.length === 0 && (await isDrained(runtime, idleRounds))) break;
      const batch = await assembleEsmBatch(runtime, carry);
      if (isAborted(runtime)) break;
      const empty = batch.records.length === 0 && batch.oversized.length === 0;
      idleRounds = empty ? idleRounds + 1 : 0;
      if (batch.records.length > 0) runtime.stats.batches += 1;
      if (!empty) await deliverEsmBatch(runtime, batch);
    }
  } finally {
    // Records fetched but not resolved (carried over, or abandoned by an abort or an error) are read again.
    for (const position of runtime.tracker.rewindPositions()) await consumer.seek(position);
  }
  return runtime.stats;
}

/** Polls that may come back empty in drain mode before the run gives up instead of spinning forever. */
const DRAIN_STALL_ROUNDS = 5;

async function isDrained(runtime: EsmRuntime, idleRounds: number): Promise<boolean> {
  const { consumer } = runtime.options;
  const [committed, ends] = await Promise.all([consumer.committed(), consumer.endOffsets()]);
  const committedAt = new Map(committed.map((p) => [`${p.topic}-${p.partition}`, p.offset]));
  const behind = ends.filter((end) => (committedAt.get(`${end.topic}-${end.partition}`) ?? 0) < end.offset);
  if (behind.length > 0 && idleRounds >= DRAIN_STALL_ROUNDS) {
    const where = behind.map(
      (e) =>
        `${e.topic}-${e.partition} at ${committedAt.get(`${e.topic}-${e.partition}`) ?? 0} of ${e.offset}`,
    );
    throw new BusError(
      `drain stalled: the consumer returns no records but the group has not committed up to the end (${where.join(', ')}); ` +
        'check that the consumer is assigned every partition of the topic and that no other member holds them',
    );
  }
  return behind.length === 0;
}
