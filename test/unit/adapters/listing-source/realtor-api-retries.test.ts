import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/errors.js';
import { area90004, collect, manualClock, sandboxes, sourceFor } from './source-harness.js';

const boxes = sandboxes();
afterEach(() => boxes.closeAll());
// No window floor here, so the jitter itself is visible; the window has its own test.
const retry = {
  maxAttempts: 4,
  baseDelayMs: 400,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 10_000,
  rateLimitWindowMs: 0,
};

describe('createRealtorApiSource under a rate limit', () => {
  it('backs off with jitter on a 429 that carries no Retry-After, and gets every page', async () => {
    const clock = manualClock();
    const sandbox = await boxes.start({ rateLimitPerSecond: 1, now: clock.now });
    const source = sourceFor(sandbox, {
      pageSize: 20,
      sleep: clock.sleep,
      clock: clock.now,
      random: () => 0.9,
      retry,
    });

    const { pages, error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    expect(pages.flatMap((p) => p.results)).toHaveLength(pages[0]?.total ?? -1);
    const stats = source.stats();
    expect(stats.rateLimited).toBeGreaterThan(0);
    expect(stats.retries).toBe(stats.rateLimited);
    expect(stats.requests).toBe(pages.length + stats.retries);
    // Full jitter at random 0.9: 90% of the doubling bound, 400 ms after the first attempt.
    expect(clock.sleeps.every((ms) => [360, 720].includes(ms))).toBe(true);
  });

  it('waits out the whole per-second window on a 429 with no Retry-After, so even the shortest jitter gets every page', async () => {
    // RapidAPI states plan limits "per second"; a retry inside the same second is refused again.
    // With full jitter alone, draws near 0 spent all the attempts inside one second (CI, stop 22).
    const clock = manualClock(Date.UTC(2024, 1, 15, 12, 0, 0, 10));
    const sandbox = await boxes.start({ rateLimitPerSecond: 1, now: clock.now });
    const source = sourceFor(sandbox, {
      pageSize: 20,
      sleep: clock.sleep,
      clock: clock.now,
      random: () => 0,
      retry: { ...retry, rateLimitWindowMs: 1_000 },
    });

    const { pages, error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    expect(pages.flatMap((p) => p.results)).toHaveLength(pages[0]?.total ?? -1);
    expect(source.stats().rateLimited).toBe(pages.length - 1);
    expect(new Set(clock.sleeps)).toEqual(new Set([1_000]));
  });

  it('waits exactly the Retry-After seconds the API asks for', async () => {
    const clock = manualClock();
    const sandbox = await boxes.start({ rateLimitPerSecond: 1, now: clock.now, retryAfter: 'seconds' });
    const source = sourceFor(sandbox, { pageSize: 20, sleep: clock.sleep, clock: clock.now, retry });

    const { error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    expect(clock.sleeps.length).toBeGreaterThan(0);
    expect(new Set(clock.sleeps)).toEqual(new Set([1_000]));
  });

  it('waits until the HTTP date of Retry-After', async () => {
    const clock = manualClock();
    const sandbox = await boxes.start({ rateLimitPerSecond: 1, now: clock.now, retryAfter: 'http-date' });
    const source = sourceFor(sandbox, { pageSize: 20, sleep: clock.sleep, clock: clock.now, retry });

    const { error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    // The clock starts 250 ms into a second; the date names the next whole second.
    expect(clock.sleeps[0]).toBe(750);
    expect(clock.now() % 1_000).toBe(0);
  });

  it('fails with REALTY_API_RATE_LIMIT when the limit outlasts the attempts', async () => {
    const clock = manualClock();
    const sandbox = await boxes.start({ rateLimitPerSecond: 1, now: clock.now });
    // The sleeps do not move the clock: every retry lands in the same second.
    const source = sourceFor(sandbox, { pageSize: 20, sleep: async () => {}, clock: clock.now, retry });

    const { pages, error } = await collect(source, area90004);

    expect(pages).toHaveLength(1);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'REALTY_API_RATE_LIMIT', status: 429 });
    expect(error?.message).toMatch(
      /postal:90004:for_sale,sold,for_rent at offset 20.*after 4 attempts.*exceeded the rate limit/,
    );
    expect(source.stats()).toMatchObject({ requests: 5, retries: 3, rateLimited: 4, failedAreas: 1 });
  });
});

describe('createRealtorApiSource on faults', () => {
  it('rides out a burst of 5xx answers', async () => {
    const sandbox = await boxes.start({ faultScript: ['server_error', 'server_error', 'server_error'] });
    const source = sourceFor(sandbox, { retry });

    const { pages, error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    expect(pages.length).toBeGreaterThan(0);
    expect(source.stats()).toMatchObject({ retries: 3, requests: pages.length + 3 });
  });

  it('fails with REALTY_API_UNAVAILABLE when the 5xx answers outlast the attempts', async () => {
    const sandbox = await boxes.start({ faults: { serverError: 1 } });

    const { error } = await collect(sourceFor(sandbox, { retry }), area90004);

    expect(error).toMatchObject({ code: 'REALTY_API_UNAVAILABLE' });
    expect(error?.message).toMatch(
      /unavailable for postal:90004:for_sale,sold,for_rent at offset 0 after 4 attempts \(last: HTTP 50\d/,
    );
  });

  it('retries truncated and malformed bodies, then reads the page', async () => {
    const sandbox = await boxes.start({ faultScript: ['truncated', 'malformed'] });
    const source = sourceFor(sandbox, { retry });

    const { pages, error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    expect(pages[0]?.results.length).toBeGreaterThan(0);
    expect(source.stats().retries).toBe(2);
  });

  it('fails with REALTY_API_RESPONSE, naming area and offset, when every body is unreadable', async () => {
    const sandbox = await boxes.start({ faults: { truncated: 0.5, malformed: 0.5 } });

    const { error } = await collect(sourceFor(sandbox, { retry }), area90004);

    expect(error).toMatchObject({ code: 'REALTY_API_RESPONSE' });
    expect(error?.message).toMatch(
      /unreadable response for postal:90004:for_sale,sold,for_rent at offset 0 after 4 attempts: body is not JSON/,
    );
  });

  it('retries a reset connection', async () => {
    const sandbox = await boxes.start({ faultScript: ['reset', 'reset'] });
    const notices: string[] = [];
    const source = sourceFor(sandbox, { retry, onRetry: (n) => notices.push(n.reason) });

    const { error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/ECONNRESET|socket hang up/);
  });

  it('times out a slow answer and retries it', async () => {
    const sandbox = await boxes.start({ faultScript: ['slow'], slowMs: 2_000 });
    const notices: string[] = [];
    const source = sourceFor(sandbox, { retry, timeoutMs: 100, onRetry: (n) => notices.push(n.reason) });

    const { error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    expect(notices).toEqual([expect.stringMatching(/^timeout/)]);
  });

  it('passes drifted results on untouched: validating records is the transform’s job', async () => {
    const sandbox = await boxes.start({ faults: { schemaDrift: 1 } });

    const { pages, error } = await collect(sourceFor(sandbox), area90004);

    const drifted = sandbox.stats().drifted;
    expect(error).toBeUndefined();
    expect(pages.flatMap((p) => p.results)).toHaveLength(
      drifted.missing + drifted.renamed + drifted.wrong_type,
    );
  });
});
