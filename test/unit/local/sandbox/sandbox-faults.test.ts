import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../../src/local/sandbox/sandbox.js';
import type { SandboxOptions } from '../../../../src/local/sandbox/sandbox-options.js';
import { hasSharedFixtures, loadFixture } from '../../../helpers/fixtures.js';
import { listBody, postList } from './post-list.js';

const running: Sandbox[] = [];
async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ rateLimitPerSecond: 0, ...options });
  running.push(sandbox);
  return sandbox;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('sandbox faults', () => {
  it('answers a 5xx for a server_error fault, then serves again', async () => {
    const sandbox = await start({ faultScript: ['server_error'] });

    const failed = await postList(sandbox, listBody('90004'));
    const next = await postList(sandbox, listBody('90004'));

    expect([500, 502, 503, 504]).toContain(failed.status);
    expect(JSON.parse(failed.text)).toHaveProperty('message');
    expect(next.status).toBe(200);
    expect(sandbox.stats().faults.server_error).toBe(1);
  });

  it('cuts the body of a truncated answer short, keeping its first bytes', async () => {
    const sandbox = await start();
    const whole = await postList(sandbox, listBody('90004'));
    sandbox.queueFaults(['truncated']);

    const cut = await postList(sandbox, listBody('90004'));

    expect(cut.status).toBe(200);
    expect(cut.text.length).toBeLessThan(whole.text.length);
    expect(whole.text.startsWith(cut.text)).toBe(true);
    expect(() => JSON.parse(cut.text)).toThrow(SyntaxError);
  });

  it('sends a 200 body that is not JSON for a malformed fault', async () => {
    const sandbox = await start({ faultScript: ['malformed', 'malformed', 'malformed', 'malformed'] });

    const texts = [];
    for (let i = 0; i < 4; i += 1) texts.push((await postList(sandbox, listBody('90004'))).text);

    for (const text of texts) expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('drops the connection for a reset fault', async () => {
    const sandbox = await start({ faultScript: ['reset'] });

    await expect(postList(sandbox, listBody('90004'))).rejects.toThrow();
    expect(sandbox.stats().faults.reset).toBe(1);
  });

  it('serves a whole page after the delay of a slow fault', async () => {
    const sandbox = await start({ faultScript: ['slow'], slowMs: 50 });

    const response = await postList(sandbox, listBody('90004', { limit: 5 }));

    expect(JSON.parse(response.text).data.home_search.count).toBe(5);
    expect(sandbox.stats().faults.slow).toBe(1);
  });

  it('spoils results with schema drift: missing, renamed and wrongly typed fields', async () => {
    const sandbox = await start({ faults: { schemaDrift: 1 } });

    const results = JSON.parse((await postList(sandbox, listBody('90004'))).text).data.home_search.results;

    const drifted = sandbox.stats().drifted;
    expect(drifted.missing + drifted.renamed + drifted.wrong_type).toBe(results.length);
    expect(drifted.missing).toBeGreaterThan(0);
    expect(drifted.renamed).toBeGreaterThan(0);
    expect(drifted.wrong_type).toBeGreaterThan(0);
    const spoilt = (r: Record<string, unknown>) =>
      !('property_id' in r) ||
      !('list_price' in r) ||
      !('location' in r) ||
      !('status' in r) ||
      typeof r.list_price === 'string' ||
      typeof r.list_date === 'number' ||
      typeof (r.description as { beds: unknown }).beds === 'string';
    expect(results.every(spoilt)).toBe(true);
  });

  it('draws random faults at the configured rates', async () => {
    const sandbox = await start({ seed: 3, faults: { serverError: 0.5 } });

    const statuses = [];
    for (let i = 0; i < 40; i += 1)
      statuses.push((await postList(sandbox, listBody('90004', { limit: 1 }))).status);

    const failures = statuses.filter((s) => s >= 500).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });
});

describe.skipIf(!hasSharedFixtures)('sandbox rate limit', () => {
  const bodies = hasSharedFixtures
    ? loadFixture<Record<string, { message: string }>>('realtor-api', 'rapidapi_error_bodies_observed.json')
    : {};

  function manualClock(startMs: number) {
    let now = startMs;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  }

  it('answers 429 with the real per-second body and no Retry-After, as the real API often does', async () => {
    const clock = manualClock(Date.UTC(2024, 1, 15, 12, 0, 0, 250));
    const sandbox = await start({ rateLimitPerSecond: 2, now: clock.now });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await postList(sandbox, listBody('90004', { limit: 1 })));

    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(JSON.parse(statuses[2]?.text ?? '')).toEqual(bodies.rate_limit_per_second_429_BASIC);
    expect(statuses[2]?.headers.get('retry-after')).toBeNull();
    expect(sandbox.stats().rateLimited).toBe(1);
  });

  it('lets requests through again in the next second', async () => {
    const clock = manualClock(Date.UTC(2024, 1, 15, 12, 0, 0, 250));
    const sandbox = await start({ rateLimitPerSecond: 1, now: clock.now });
    await postList(sandbox, listBody('90004', { limit: 1 }));

    const limited = await postList(sandbox, listBody('90004', { limit: 1 }));
    clock.advance(750);
    const next = await postList(sandbox, listBody('90004', { limit: 1 }));

    expect(limited.status).toBe(429);
    expect(next.status).toBe(200);
  });

  it('sends Retry-After in seconds or as an HTTP date when configured to', async () => {
    const clock = manualClock(Date.UTC(2024, 1, 15, 12, 0, 0, 250));
    const seconds = await start({
      rateLimitPerSecond: 1,
      now: clock.now,
      retryAfter: 'seconds',
      plan: 'PRO',
    });
    const dated = await start({ rateLimitPerSecond: 1, now: clock.now, retryAfter: 'http-date' });

    await postList(seconds, listBody('90004', { limit: 1 }));
    await postList(dated, listBody('90004', { limit: 1 }));
    const a = await postList(seconds, listBody('90004', { limit: 1 }));
    const b = await postList(dated, listBody('90004', { limit: 1 }));

    expect(a.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(a.text)).toEqual(bodies.rate_limit_per_second_429_PRO);
    expect(b.headers.get('retry-after')).toBe('Thu, 15 Feb 2024 12:00:01 GMT');
  });
});
