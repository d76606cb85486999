import { buildMskEvent } from '../msk/msk-event.js';
import {
  buildOnFailureRecord,
  type OnFailureCondition,
  onFailureObjectKey,
} from '../msk/on-failure-record.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import type { EsmRuntime } from './esm-runtime.js';

/** Gives up on records: writes Lambda's invocation record to the on-failure destination, or discards them. */
export async function sendToOnFailure(
  runtime: EsmRuntime,
  records: readonly ConsumedRecord[],
  condition: OnFailureCondition,
  approximateInvokeCount: number,
  response: { functionError?: string } | null,
): Promise<void> {
  const store = runtime.options.onFailure;
  if (store === undefined) {
    // Lambda's behaviour without a destination: the records are dropped and the partition moves on.
    runtime.stats.recordsDiscarded += records.length;
  } else {
    const event = buildMskEvent(records, runtime.options.source);
    const failedAtMs = runtime.clock();
    const record = buildOnFailureRecord({
      event,
      condition,
      approximateInvokeCount,
      functionArn: runtime.functionArn,
      requestId: runtime.newRequestId(),
      failedAtMs,
      response,
    });
    const body = new TextEncoder().encode(JSON.stringify(record));
    await store.put(onFailureObjectKey(event, failedAtMs), body, { contentType: 'application/json' });
    runtime.stats.recordsToOnFailure += records.length;
  }
  runtime.tracker.resolved(records);
}
