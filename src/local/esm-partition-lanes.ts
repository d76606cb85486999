import { MSK_INVOKE_PAYLOAD_LIMIT_BYTES } from '../msk/esm-settings.js';
import { topicPartitionKey } from '../msk/msk-event.js';
import { MskPayloadMeter } from '../msk/msk-payload-meter.js';
import { mskRecordJsonBytes } from '../msk/msk-record-size.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import type { EsmBatch } from './esm-batch-assembler.js';
import { deliverEsmBatch } from './esm-batch-delivery.js';
import { type EsmRuntime, isAborted } from './esm-runtime.js';

/** The records of one topic-partition waiting for their batch; at most one batch of it is in flight. */
interface Lane {
  queue: ConsumedRecord[];
  /** mskRecordJsonBytes of each queued record, computed once when it is queued. */
  sizes: number[];
  queuedBytes: number;
  /** When the first record of the next batch was queued: the batching window counts from it. */
  firstQueuedAt: number;
  busy: boolean;
}

/** Most bytes of fetched records the poll loop holds before it stops fetching. */
const MAX_QUEUED_BYTES = 16 * MSK_INVOKE_PAYLOAD_LIMIT_BYTES;

/** What the poll loop knows between rounds. */
interface LaneState {
  lanes: Map<string, Lane>;
  active: Set<Promise<void>>;
  failure: { error: unknown } | undefined;
  /** Drain mode: every partition was fetched up to its end offset, so no batch waits out its window. */
  fetchedToEnd: boolean;
  queuedBytes: number;
}

/**
 * Polls once and delivers each topic-partition's batches on a lane of its own, up to `maxConcurrent` batches
 * at once and never two of one partition (as Lambda's pollers do), with the same batch rules as
 * assembleEsmBatch: BatchSize records, the 6 MB payload cap, the window counted from the batch's first record.
 */
export async function runPartitionLanes(
  runtime: EsmRuntime,
  maxConcurrent: number,
  isDrained: (idleRounds: number) => Promise<boolean>,
): Promise<void> {
  const state: LaneState = {
    lanes: new Map(),
    active: new Set(),
    failure: undefined,
    fetchedToEnd: false,
    queuedBytes: 0,
  };
  // Room for a full batch of every partition seen plus one per lane in flight: a lane that finishes finds its
  // next batch fetched, and no partition's batch is cut short by its window while the poll loop stands still
  // with the buffer full. Capped, for topics of many partitions (their batches then fill less).
  const highWaterBytes = () =>
    Math.min(MAX_QUEUED_BYTES, (state.lanes.size + maxConcurrent) * MSK_INVOKE_PAYLOAD_LIMIT_BYTES);
  let fetching: Promise<void> | undefined;
  let fetched: ConsumedRecord[] | undefined;
  let idleRounds = 0;
  while (!isAborted(runtime) && state.failure === undefined) {
    startReadyLanes(runtime, state, maxConcurrent);
    const idle = state.queuedBytes === 0 && state.active.size === 0 && fetching === undefined;
    if (idle && runtime.options.mode === 'drain' && (await isDrained(idleRounds))) break;
    if (fetching === undefined && state.queuedBytes < highWaterBytes()) {
      fetching = runtime.options.consumer
        .fetch({
          maxRecords: runtime.settings.BatchSize,
          maxBytes: MSK_INVOKE_PAYLOAD_LIMIT_BYTES,
          maxWaitMs: state.queuedBytes > 0 || state.active.size > 0 ? 50 : runtime.idlePollMs,
        })
        .then(
          (records) => {
            fetched = records;
          },
          (error: unknown) => {
            state.failure ??= { error };
            fetched = [];
          },
        );
    }
    await Promise.race([...state.active, ...(fetching ? [fetching] : []), windowTimer(runtime, state)]);
    if (fetching !== undefined && fetched !== undefined) {
      const records = fetched;
      [fetching, fetched] = [undefined, undefined];
      idleRounds = records.length === 0 && state.queuedBytes === 0 ? idleRounds + 1 : 0;
      await enqueue(runtime, state, records);
    }
  }
  await Promise.allSettled([...state.active, ...(fetching ? [fetching] : [])]);
  if (state.failure) throw state.failure.error;
}

async function enqueue(runtime: EsmRuntime, state: LaneState, records: ConsumedRecord[]): Promise<void> {
  runtime.tracker.fetched(records);
  const now = runtime.clock();
  for (const record of records) {
    const key = topicPartitionKey(record.topic, record.partition);
    let lane = state.lanes.get(key);
    if (lane === undefined) {
      lane = { queue: [], sizes: [], queuedBytes: 0, firstQueuedAt: now, busy: false };
      state.lanes.set(key, lane);
    }
    if (lane.queue.length === 0) lane.firstQueuedAt = now;
    const bytes = mskRecordJsonBytes(record);
    lane.queue.push(record);
    lane.sizes.push(bytes);
    lane.queuedBytes += bytes;
    state.queuedBytes += bytes;
  }
  if (runtime.options.mode === 'drain' && records.length > 0 && !state.fetchedToEnd) {
    const ends = await runtime.options.consumer.endOffsets();
    state.fetchedToEnd = ends.every(
      (end) => runtime.tracker.fetchedUpTo(end.topic, end.partition) >= end.offset,
    );
  }
}

function isReady(runtime: EsmRuntime, state: LaneState, lane: Lane): boolean {
  return (
    lane.queue.length >= runtime.settings.BatchSize ||
    lane.queuedBytes >= MSK_INVOKE_PAYLOAD_LIMIT_BYTES ||
    state.fetchedToEnd ||
    runtime.clock() >= lane.firstQueuedAt + runtime.windowMs
  );
}

// Fullest first: with fewer lanes than partitions, a partition whose window ran out while it waited for a lane
// must not take the lane from one with a full batch (it fills meanwhile, and its object holds more rows).
function readyLanes(runtime: EsmRuntime, state: LaneState): Lane[] {
  const ready = [...state.lanes.values()].filter(
    (lane) => !lane.busy && lane.queue.length > 0 && isReady(runtime, state, lane),
  );
  return ready.sort((a, b) => b.queuedBytes - a.queuedBytes);
}

function startReadyLanes(runtime: EsmRuntime, state: LaneState, maxConcurrent: number): void {
  if (state.active.size >= maxConcurrent) return;
  for (const lane of readyLanes(runtime, state)) {
    if (state.active.size >= maxConcurrent) return;
    const batch = takeBatch(runtime, state, lane);
    if (batch.records.length > 0) runtime.stats.batches += 1;
    lane.busy = true;
    const delivery = deliverEsmBatch(runtime, batch)
      .catch((error: unknown) => {
        state.failure ??= { error };
      })
      .finally(() => {
        lane.busy = false;
        lane.firstQueuedAt = runtime.clock();
        state.active.delete(delivery);
      });
    state.active.add(delivery);
  }
}

/** The lane's next batch: up to BatchSize records and the 6 MB cap; a record over the cap on its own is oversized. */
function takeBatch(runtime: EsmRuntime, state: LaneState, lane: Lane): EsmBatch {
  const meter = new MskPayloadMeter(runtime.options.source);
  const batch: EsmBatch = { records: [], oversized: [] };
  let taken = 0;
  for (; taken < lane.queue.length && batch.records.length < runtime.settings.BatchSize; taken++) {
    const record = lane.queue[taken] as ConsumedRecord;
    const size = lane.sizes[taken] as number;
    if (meter.bytesWith(record, size) > MSK_INVOKE_PAYLOAD_LIMIT_BYTES) {
      if (batch.records.length > 0) break;
      batch.oversized.push(record);
      continue;
    }
    meter.add(record, size);
    batch.records.push(record);
  }
  lane.queue.splice(0, taken);
  let bytes = 0;
  for (const size of lane.sizes.splice(0, taken)) bytes += size;
  lane.queuedBytes -= bytes;
  state.queuedBytes -= bytes;
  return batch;
}

/** Resolves when the earliest waiting batch's window ends (never, when no batch waits for its window). */
function windowTimer(runtime: EsmRuntime, state: LaneState): Promise<void> {
  let earliest = Number.POSITIVE_INFINITY;
  for (const lane of state.lanes.values()) {
    if (!lane.busy && lane.queue.length > 0)
      earliest = Math.min(earliest, lane.firstQueuedAt + runtime.windowMs);
  }
  if (!Number.isFinite(earliest)) return new Promise(() => undefined);
  const ms = Math.max(1, earliest - runtime.clock());
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
