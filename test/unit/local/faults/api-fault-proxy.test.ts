import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApiFaultProxy } from '../../../../src/local/faults/api-fault-proxy.js';
import { type Sandbox, startSandbox } from '../../../../src/local/sandbox/sandbox.js';

const BODY = JSON.stringify({ limit: 5, offset: 0, postal_code: '90004', status: ['for_sale'] });

describe('API fault proxy', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ listings: 200, rateLimitPerSecond: 0 });
  });
  afterEach(async () => {
    await sandbox.close();
  });

  function post(url: string, signal?: AbortSignal): Promise<Response> {
    return fetch(`${url}/properties/v3/list`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-rapidapi-key': sandbox.apiKey,
        'x-rapidapi-host': sandbox.host,
      },
      body: BODY,
      ...(signal ? { signal } : {}),
    });
  }

  it('forwards requests untouched when no fault is drawn', async () => {
    const proxy = await startApiFaultProxy({
      target: sandbox.url,
      tooManyRate: 0,
      timeoutRate: 0,
      random: () => 0.5,
    });
    try {
      const [direct, proxied] = [await post(sandbox.url), await post(proxy.url)];

      expect(proxied.status).toBe(200);
      expect(await proxied.text()).toBe(await direct.text());
      expect(proxy.stats()).toEqual({ requests: 1, forwarded: 1, tooMany: 0, timeouts: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('answers 429 with a Retry-After and the RapidAPI rate-limit body', async () => {
    const proxy = await startApiFaultProxy({
      target: sandbox.url,
      tooManyRate: 1,
      timeoutRate: 0,
      random: () => 0,
    });
    try {
      const response = await post(proxy.url);

      expect(response.status).toBe(429);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toEqual({
        message: 'You have exceeded the rate limit per second for your plan, BASIC, by the API provider',
      });
      expect(sandbox.stats().requests).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('holds a timed-out request without an answer until the client gives up, and closes promptly', async () => {
    const proxy = await startApiFaultProxy({
      target: sandbox.url,
      tooManyRate: 0,
      timeoutRate: 1,
      random: () => 0,
    });
    const startedAt = performance.now();

    const act = post(proxy.url, AbortSignal.timeout(300));

    await expect(act).rejects.toThrow();
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(250);
    expect(proxy.stats().timeouts).toBe(1);
    await proxy.close();
  });

  it('listens on the loopback interface only', async () => {
    const proxy = await startApiFaultProxy({
      target: sandbox.url,
      tooManyRate: 0,
      timeoutRate: 0,
      random: () => 1,
    });
    try {
      expect(new URL(proxy.url).hostname).toBe('127.0.0.1');
      expect(proxy.address()).toMatchObject({ address: '127.0.0.1' });
    } finally {
      await proxy.close();
    }
  });
});
