import * as v from 'valibot';
import { ConfigError } from '../errors.js';

/** How often and how long to retry one API request. */
export interface RetryPolicy {
  /** Attempts in all, the first one included (1 = never retry). */
  maxAttempts: number;
  /** Bound of the first backoff; it doubles with each attempt. */
  baseDelayMs: number;
  /** Cap of the backoff bound. */
  maxDelayMs: number;
  /** Longest Retry-After to honour; a server asking for more makes the request fail now. */
  maxRetryAfterMs: number;
  /**
   * The API's rate-limit window. RapidAPI plans state their limit per second, and a 429 without
   * Retry-After is answered by waiting at least this long: a retry inside the same window is refused again.
   */
  rateLimitWindowMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  rateLimitWindowMs: 1_000,
};

/** Why one attempt failed, as far as retrying cares. */
export type AttemptFailure =
  | { kind: 'http'; status: number; retryAfter: string | null }
  | { kind: 'network'; code: string }
  | { kind: 'timeout' }
  | { kind: 'malformed' };

export type RetryDecision =
  | { retry: true; delayMs: number; basis: 'retry-after' | 'backoff' }
  | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' | 'retry-after-too-long' };

const wholeMs = v.pipe(v.number(), v.integer(), v.minValue(0));
const overridesSchema = v.strictObject({
  maxAttempts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
  baseDelayMs: v.optional(wholeMs),
  maxDelayMs: v.optional(wholeMs),
  maxRetryAfterMs: v.optional(wholeMs),
  rateLimitWindowMs: v.optional(wholeMs),
});

/** Fills the defaults around `overrides` and checks the result; throws ConfigError naming the bad option. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const parsed = v.safeParse(overridesSchema, overrides);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = issue.path?.map((p) => String(p.key)).join('.') ?? '?';
    throw new ConfigError(
      `retry option '${key}' is invalid (${issue.message}); use whole, non-negative numbers`,
    );
  }
  const o = parsed.output;
  const policy: RetryPolicy = {
    maxAttempts: o.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelayMs: o.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: o.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? DEFAULT_RETRY_POLICY.maxRetryAfterMs,
    rateLimitWindowMs: o.rateLimitWindowMs ?? DEFAULT_RETRY_POLICY.rateLimitWindowMs,
  };
  if (policy.maxDelayMs < policy.baseDelayMs) {
    throw new ConfigError(
      `retry option maxDelayMs (${policy.maxDelayMs}) is below baseDelayMs (${policy.baseDelayMs})`,
    );
  }
  return policy;
}

/**
 * Full-jitter exponential backoff: a uniform draw in [0, min(cap, base * 2^(attempt-1))]
 * ("Exponential Backoff And Jitter", AWS Architecture Blog). `attempt` counts attempts made so far.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(bound, Math.floor(random() * (bound + 1)));
}

// RFC 9110 §10.2.3: Retry-After = HTTP-date / delay-seconds. HTTP-date has three accepted forms (§5.6.7).
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

/** Milliseconds a Retry-After value asks to wait from `nowMs`, or null when absent or unreadable. */
export function parseRetryAfterMs(value: string | null | undefined, nowMs: number): number | null {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1_000;
  let at = Number.NaN;
  if (IMF_FIXDATE.test(text) || RFC850_DATE.test(text)) at = Date.parse(text);
  // asctime carries no zone; HTTP dates are always UTC.
  else if (ASCTIME_DATE.test(text)) at = Date.parse(`${text} GMT`);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

/** True for failures worth another attempt: 429, 5xx, network errors, timeouts and unreadable bodies. */
export function isRetryable(failure: AttemptFailure): boolean {
  if (failure.kind !== 'http') return true;
  return failure.status === 429 || failure.status >= 500;
}

/** Whether, and after how long, to try again after `attempt` attempts ended with `failure`. */
export function decideRetry(
  policy: RetryPolicy,
  failure: AttemptFailure,
  attempt: number,
  random: () => number,
  nowMs: number,
): RetryDecision {
  if (!isRetryable(failure)) return { retry: false, reason: 'not-retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  const asked = failure.kind === 'http' ? parseRetryAfterMs(failure.retryAfter, nowMs) : null;
  if (asked === null) {
    const jitter = backoffDelayMs(policy, attempt, random);
    const limited = failure.kind === 'http' && failure.status === 429;
    return {
      retry: true,
      delayMs: limited ? Math.max(policy.rateLimitWindowMs, jitter) : jitter,
      basis: 'backoff',
    };
  }
  if (asked > policy.maxRetryAfterMs) return { retry: false, reason: 'retry-after-too-long' };
  return { retry: true, delayMs: asked, basis: 'retry-after' };
}
