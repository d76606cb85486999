import { type BatchOutcome, interpretBatchResponse } from '../msk/batch-item-failures.js';
import { buildMskEvent, topicPartitionKey } from '../msk/msk-event.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import type { EsmBatch } from './esm-batch-assembler.js';
import { sendToOnFailure } from './esm-on-failure.js';
import { type EsmRuntime, isAborted } from './esm-runtime.js';

/** Records on their way to the function, with how often they have been tried. */
interface Attempt {
  records: ConsumedRecord[];
  /** Times these records were handed to the function (approximateInvokeCount). */
  invocations: number;
  /** Retries used against MaximumRetryAttempts; bisection does not use any. */
  retries: number;
  response: { functionError?: string } | null;
}

type Result = BatchOutcome | { kind: 'error' };

const MAX_BACKOFF_MS = 60_000;

/**
 * Delivers one batch until every record in it has succeeded or been given up on, applying Lambda's rules:
 * retry on error (bisecting when enabled), retry only from the first failed offset per partition on a
 * partial batch response, give up after MaximumRetryAttempts or MaximumRecordAgeInSeconds. Commits as it goes.
 */
export async function deliverEsmBatch(runtime: EsmRuntime, batch: EsmBatch): Promise<void> {
  for (const record of batch.oversized) {
    await sendToOnFailure(runtime, [record], 'MaximumPayloadSizeExceeded', 0, null);
  }
  await commit(runtime);
  const queue: Attempt[] = [{ records: batch.records, invocations: 0, retries: 0, response: null }];
  for (let attempt = queue.shift(); attempt !== undefined; attempt = queue.shift()) {
    if (attempt.invocations > 0) {
      if (isAborted(runtime)) return; // left unresolved: the run rewinds to them
      const doublings = Math.max(0, attempt.retries - 1);
      await runtime.sleep(Math.min(runtime.retryBackoffMs * 2 ** doublings, MAX_BACKOFF_MS));
    }
    const live = await dropExpired(runtime, attempt);
    if (live.length > 0) {
      const result = await invokeOnce(runtime, live, attempt.invocations > 0);
      const tried = { ...attempt, records: live, invocations: attempt.invocations + 1 };
      queue.unshift(...(await settle(runtime, tried, result)));
    }
    await commit(runtime);
  }
}

async function invokeOnce(runtime: EsmRuntime, records: ConsumedRecord[], isRetry: boolean): Promise<Result> {
  const { invoke, invokeRecords, source, buildEvent = buildMskEvent } = runtime.options;
  runtime.stats.invocations += 1;
  runtime.stats.recordsDelivered += records.length;
  if (isRetry) runtime.stats.retries += 1;
  try {
    const response = invokeRecords ? await invokeRecords(records) : await invoke(buildEvent(records, source));
    return runtime.reportBatchItemFailures ? interpretBatchResponse(response, records) : { kind: 'success' };
  } catch (error) {
    runtime.options.onFunctionError?.(error, records);
    return { kind: 'error' };
  }
}

/** Resolves what succeeded and returns what must be tried again (or sends it to on-failure). */
async function settle(runtime: EsmRuntime, attempt: Attempt, result: Result): Promise<Attempt[]> {
  if (result.kind === 'success') {
    succeed(runtime, attempt.records);
    return [];
  }
  // Lambda reports a thrown error as functionError "Unhandled"; an unusable response is no function error.
  const response = result.kind === 'error' ? { functionError: 'Unhandled' } : {};
  let failed = attempt.records;
  if (result.kind === 'partial') {
    const isFailed = (r: ConsumedRecord) =>
      r.offset >=
      (result.firstFailedOffsets.get(topicPartitionKey(r.topic, r.partition)) ?? Number.POSITIVE_INFINITY);
    succeed(
      runtime,
      attempt.records.filter((r) => !isFailed(r)),
    );
    failed = attempt.records.filter(isFailed);
  } else if (runtime.settings.BisectBatchOnFunctionError && failed.length > 1) {
    // Kinesis/Kafka: "Splitting batches doesn't consume the retry quota."
    runtime.stats.bisections += 1;
    const half = Math.ceil(failed.length / 2);
    return [failed.slice(0, half), failed.slice(half)].map((records) => ({ ...attempt, records, response }));
  }
  if (attempt.retries >= runtime.maxRetries) {
    await sendToOnFailure(runtime, failed, 'RetryAttemptsExhausted', attempt.invocations, response);
    return [];
  }
  return [{ records: failed, invocations: attempt.invocations, retries: attempt.retries + 1, response }];
}

function succeed(runtime: EsmRuntime, records: ConsumedRecord[]): void {
  runtime.tracker.resolved(records);
  runtime.stats.recordsSucceeded += records.length;
}

// "Maximum record age: the maximum age of a record that Lambda sends to your function."
async function dropExpired(runtime: EsmRuntime, attempt: Attempt): Promise<ConsumedRecord[]> {
  const now = runtime.clock();
  const expired = attempt.records.filter((r) => now - r.timestamp > runtime.maxRecordAgeMs);
  if (expired.length === 0) return attempt.records;
  await sendToOnFailure(runtime, expired, 'RecordAgeExceeded', attempt.invocations, attempt.response);
  return attempt.records.filter((r) => now - r.timestamp <= runtime.maxRecordAgeMs);
}

// Partitions delivered concurrently commit through one queue, so a later position never lands before an earlier one.
async function commit(runtime: EsmRuntime): Promise<void> {
  const positions = runtime.tracker.takeCommits();
  if (positions.length === 0) return;
  const done = runtime.committing.then(() => runtime.options.consumer.commit(positions));
  runtime.committing = done.catch(() => undefined);
  await done;
}
