import { MSK_INVOKE_PAYLOAD_LIMIT_BYTES } from '../msk/esm-settings.js';
import { MskPayloadMeter } from '../msk/msk-payload-meter.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import { type EsmRuntime, isAborted } from './esm-runtime.js';

/** A batch ready for the function, and the records too big to ever fit in an invocation. */
export interface EsmBatch {
  records: ConsumedRecord[];
  oversized: ConsumedRecord[];
}

type Offer = 'taken' | 'oversized' | 'full';

/**
 * Gathers the next batch as Lambda's MSK poller does: records of any partition, until BatchSize records are
 * in, the batching window (counted from the first record) is over, or the next record would take the event
 * past 6 MB. Records fetched beyond the batch stay in `carry`, in order, for the next one.
 */
export async function assembleEsmBatch(runtime: EsmRuntime, carry: ConsumedRecord[]): Promise<EsmBatch> {
  const { consumer, source } = runtime.options;
  const batchSize = runtime.settings.BatchSize;
  const meter = new MskPayloadMeter(source);
  const batch: EsmBatch = { records: [], oversized: [] };
  let windowEndsAt: number | undefined;

  const offer = (record: ConsumedRecord): Offer => {
    if (batch.records.length >= batchSize) return 'full';
    if (meter.bytesWith(record) > MSK_INVOKE_PAYLOAD_LIMIT_BYTES) {
      if (new MskPayloadMeter(source).bytesWith(record) <= MSK_INVOKE_PAYLOAD_LIMIT_BYTES) return 'full';
      batch.oversized.push(record);
      return 'oversized';
    }
    meter.add(record);
    batch.records.push(record);
    windowEndsAt ??= runtime.clock() + runtime.windowMs;
    return 'taken';
  };

  for (;;) {
    while (carry.length > 0 && offer(carry[0]!) !== 'full') carry.shift();
    if (carry.length > 0 || batch.records.length >= batchSize || isAborted(runtime)) return batch;
    const now = runtime.clock();
    if (windowEndsAt !== undefined && now >= windowEndsAt) return batch;
    const fetched = await consumer.fetch({
      maxRecords: batchSize - batch.records.length,
      maxBytes: Math.max(1, MSK_INVOKE_PAYLOAD_LIMIT_BYTES - meter.bytes),
      maxWaitMs: Math.ceil(windowEndsAt === undefined ? runtime.idlePollMs : windowEndsAt - now),
    });
    runtime.tracker.fetched(fetched);
    carry.push(...fetched);
    if (fetched.length === 0 && batch.records.length === 0) return batch;
    if (runtime.options.mode === 'drain' && (await fetchedToEnd(runtime))) {
      while (carry.length > 0 && offer(carry[0]!) !== 'full') carry.shift();
      return batch;
    }
  }
}

// In drain mode nothing more can arrive once every partition is fetched up to its end offset, so the
// window is not waited out: `realty run` ends as soon as the log is processed.
async function fetchedToEnd(runtime: EsmRuntime): Promise<boolean> {
  const ends = await runtime.options.consumer.endOffsets();
  return ends.every((end) => runtime.tracker.fetchedUpTo(end.topic, end.partition) >= end.offset);
}
