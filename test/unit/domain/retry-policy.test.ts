import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttemptFailure,
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  parseRetryAfterMs,
  type RetryPolicy,
  resolveRetryPolicy,
} from '../../../src/domain/retry-policy.js';
import { ConfigError } from '../../../src/errors.js';

const NOW = Date.UTC(2024, 1, 15, 12, 0, 0);
const policyArb: fc.Arbitrary<RetryPolicy> = fc
  .record({
    maxAttempts: fc.integer({ min: 1, max: 10 }),
    baseDelayMs: fc.integer({ min: 1, max: 5_000 }),
    maxDelayMs: fc.integer({ min: 1, max: 120_000 }),
    maxRetryAfterMs: fc.integer({ min: 0, max: 600_000 }),
    rateLimitWindowMs: fc.integer({ min: 0, max: 60_000 }),
  })
  .map((p) => ({ ...p, maxDelayMs: Math.max(p.maxDelayMs, p.baseDelayMs) }));
const randomArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const retryableArb: fc.Arbitrary<AttemptFailure> = fc.oneof(
  fc.constant<AttemptFailure>({ kind: 'http', status: 429, retryAfter: null }),
  fc
    .integer({ min: 500, max: 599 })
    .map((status): AttemptFailure => ({ kind: 'http', status, retryAfter: null })),
  fc
    .constantFrom('ECONNRESET', 'ECONNREFUSED', 'EPIPE')
    .map((code): AttemptFailure => ({ kind: 'network', code })),
  fc.constant<AttemptFailure>({ kind: 'timeout' }),
  fc.constant<AttemptFailure>({ kind: 'malformed' }),
);

describe('backoffDelayMs', () => {
  it('stays between 0 and the capped exponential bound (full jitter)', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 40 }), randomArb, (policy, attempt, r) => {
        const delay = backoffDelayMs(policy, attempt, () => r);
        const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(bound);
        expect(Number.isInteger(delay)).toBe(true);
      }),
    );
  });

  it('doubles the bound with each attempt until the cap', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
    const almostOne = () => 0.999_999;

    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(policy, attempt, almostOne));

    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('2', NOW)).toBe(2_000);
    expect(parseRetryAfterMs(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfterMs(new Date(NOW + 3_000).toUTCString(), NOW)).toBe(3_000);
  });

  it('treats an HTTP date in the past as no wait', () => {
    expect(parseRetryAfterMs(new Date(NOW - 60_000).toUTCString(), NOW)).toBe(0);
  });

  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfterMs(null, NOW)).toBeNull();
    expect(parseRetryAfterMs('', NOW)).toBeNull();
    expect(parseRetryAfterMs('soon', NOW)).toBeNull();
    expect(parseRetryAfterMs('-5', NOW)).toBeNull();
    expect(parseRetryAfterMs('1.5', NOW)).toBeNull();
  });

  it('reads every whole number of seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seconds) => {
        expect(parseRetryAfterMs(String(seconds), NOW)).toBe(seconds * 1_000);
      }),
    );
  });
});

describe('decideRetry', () => {
  it('never retries 400, 401 and 403', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.constantFrom(400, 401, 403),
        fc.integer({ min: 1, max: 10 }),
        randomArb,
        (p, status, n, r) => {
          const decision = decideRetry(p, { kind: 'http', status, retryAfter: '1' }, n, () => r, NOW);
          expect(decision).toEqual({ retry: false, reason: 'not-retryable' });
        },
      ),
    );
  });

  it('retries 429, 5xx, network errors, timeouts and malformed bodies until the attempts are spent', () => {
    fc.assert(
      fc.property(
        policyArb,
        retryableArb,
        fc.integer({ min: 1, max: 12 }),
        randomArb,
        (policy, failure, attempt, r) => {
          const decision = decideRetry(policy, failure, attempt, () => r, NOW);
          if (attempt < policy.maxAttempts) expect(decision.retry).toBe(true);
          else expect(decision).toEqual({ retry: false, reason: 'attempts-exhausted' });
        },
      ),
    );
  });

  it('waits exactly what Retry-After asks, in seconds or as a date, when it is within the limit', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, maxRetryAfterMs: 10_000 };
    const inSeconds: AttemptFailure = { kind: 'http', status: 429, retryAfter: '4' };
    const asDate: AttemptFailure = {
      kind: 'http',
      status: 503,
      retryAfter: new Date(NOW + 7_000).toUTCString(),
    };

    expect(decideRetry(policy, inSeconds, 1, () => 0.5, NOW)).toEqual({
      retry: true,
      delayMs: 4_000,
      basis: 'retry-after',
    });
    expect(decideRetry(policy, asDate, 1, () => 0.5, NOW)).toEqual({
      retry: true,
      delayMs: 7_000,
      basis: 'retry-after',
    });
  });

  it('gives up when Retry-After asks for longer than the policy allows', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, maxRetryAfterMs: 10_000 };

    const decision = decideRetry(
      policy,
      { kind: 'http', status: 429, retryAfter: '3600' },
      1,
      () => 0.5,
      NOW,
    );

    expect(decision).toEqual({ retry: false, reason: 'retry-after-too-long' });
  });

  it('backs off with jitter on a 429 that carries no Retry-After (the real API often sends none), never within the same rate-limit window', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 9 }), randomArb, (policy, attempt, r) => {
        fc.pre(attempt < policy.maxAttempts);
        const decision = decideRetry(
          policy,
          { kind: 'http', status: 429, retryAfter: null },
          attempt,
          () => r,
          NOW,
        );
        expect(decision).toEqual({
          retry: true,
          delayMs: Math.max(
            policy.rateLimitWindowMs,
            backoffDelayMs(policy, attempt, () => r),
          ),
          basis: 'backoff',
        });
      }),
    );
  });

  it('keeps full jitter, with no floor, for 5xx answers, network errors and timeouts', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, rateLimitWindowMs: 1_000 };
    for (const failure of [
      { kind: 'http', status: 503, retryAfter: null },
      { kind: 'network', code: 'ECONNRESET' },
      { kind: 'timeout' },
    ] satisfies AttemptFailure[]) {
      expect(decideRetry(policy, failure, 1, () => 0, NOW)).toEqual({
        retry: true,
        delayMs: 0,
        basis: 'backoff',
      });
    }
  });
});

describe('resolveRetryPolicy', () => {
  it('fills the defaults around the given values', () => {
    expect(resolveRetryPolicy({ maxAttempts: 2 })).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 2 });
  });

  it.each([
    [{ maxAttempts: 0 }, /maxAttempts/],
    [{ baseDelayMs: -1 }, /baseDelayMs/],
    [{ baseDelayMs: 500, maxDelayMs: 100 }, /maxDelayMs.*baseDelayMs/],
    [{ maxAttempts: 1.5 }, /maxAttempts/],
  ])('rejects %j with a ConfigError', (overrides, message) => {
    expect(() => resolveRetryPolicy(overrides)).toThrow(ConfigError);
    expect(() => resolveRetryPolicy(overrides)).toThrow(message);
  });

  it('rejects an unknown option', () => {
    expect(() => resolveRetryPolicy({ retries: 3 } as never)).toThrow(/retries/);
  });
});
