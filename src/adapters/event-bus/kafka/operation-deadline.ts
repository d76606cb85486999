import type { ResolvedKafkaOptions } from './kafka-options.js';

/**
 * How long one consumer operation may take before the bus gives up on the broker: the consumer's
 * `operationTimeoutMs`, else one request timeout plus every retry delay (40 s with the defaults).
 */
export function operationBudgetMs(options: ResolvedKafkaOptions): number {
  return (
    options.consumer.operationTimeoutMs ?? options.requestTimeoutMs + options.retries * options.retryDelayMs
  );
}

/**
 * Settles as `work` does, or rejects with `expired()` once `timeoutMs` passed without an answer. Why: the
 * client nests its retries (a group operation retries FindCoordinator, which retries by itself), so with the
 * broker down an offset commit gives up only after retries² x retryDelay: 21 x 21 x 500 ms, 3.7 minutes.
 */
export function withDeadline<T>(work: Promise<T>, timeoutMs: number, expired: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(expired()), timeoutMs);
  });
  // The loser of the race may still reject (e.g. when the client is closed); that is no unhandled error.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
