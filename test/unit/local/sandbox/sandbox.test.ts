import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../../../src/errors.js';
import { type Sandbox, startSandbox } from '../../../../src/local/sandbox/sandbox.js';
import type { SandboxOptions } from '../../../../src/local/sandbox/sandbox-options.js';
import { hasSharedFixtures, loadFixture, repoRoot } from '../../../helpers/fixtures.js';
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

describe('startSandbox', () => {
  it('listens on 127.0.0.1 and offers one area per ZIP code of its market', async () => {
    const sandbox = await start();

    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.areas.length).toBeGreaterThanOrEqual(40);
    expect(sandbox.areas[0]).toEqual({
      kind: 'postal_code',
      postalCode: '90004',
      statuses: ['for_sale', 'for_rent', 'sold'],
    });
  });

  it('answers a page in the { data: { home_search } } envelope with count and total', async () => {
    const sandbox = await start();

    const response = await postList(sandbox, listBody('90004', { limit: 10 }));

    const search = JSON.parse(response.text).data.home_search;
    expect(response.status).toBe(200);
    expect(search.__typename).toBe('SearchHomeResult');
    expect(search.count).toBe(10);
    expect(search.results).toHaveLength(10);
    expect(search.total).toBeGreaterThan(10);
  });

  it('rejects options it does not know, with a ConfigError', async () => {
    await expect(startSandbox({ listing: 10 } as SandboxOptions)).rejects.toThrow(ConfigError);
    await expect(startSandbox({ listings: 0 })).rejects.toThrow(/listings/);
    await expect(startSandbox({ faults: { serverError: 0.7, reset: 0.7 } })).rejects.toThrow(/at most 1/);
  });

  it('refuses to move the market backwards', async () => {
    const sandbox = await start();

    expect(() => sandbox.advanceDays(-1)).toThrow(UsageError);
  });
});

describe.skipIf(!hasSharedFixtures)('sandbox authentication', () => {
  const bodies = hasSharedFixtures
    ? loadFixture<Record<string, { message: string }>>('realtor-api', 'rapidapi_error_bodies_observed.json')
    : {};

  it("answers 403 with RapidAPI's real body to a wrong key", async () => {
    const sandbox = await start();

    const response = await postList(sandbox, listBody('90004'), { 'X-RapidAPI-Key': 'not-the-key' });

    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual(bodies.not_subscribed_403);
  });

  it('answers 403 to the right key sent for another API host', async () => {
    const sandbox = await start();

    const response = await postList(sandbox, listBody('90004'), {
      'X-RapidAPI-Host': 'zillow-com1.p.rapidapi.com',
    });

    expect(response.status).toBe(403);
  });

  it('answers 401 when no key is sent', async () => {
    const sandbox = await start();

    const response = await postList(sandbox, listBody('90004'), { 'X-RapidAPI-Key': '' });

    expect(response.status).toBe(401);
    expect(JSON.parse(response.text).message).toMatch(/Invalid API key/);
    expect(sandbox.stats().unauthorized).toBe(1);
  });
});

describe('sandbox request validation', () => {
  it.each([
    [listBody('90004', { limit: 201 }), /limit must be between 1 and 200/],
    [listBody('90004', { limit: 0 }), /limit must be between 1 and 200/],
    [listBody('90004', { offset: -1 }), /offset must not be negative/],
    [listBody('9004'), /postal_code must be 5 digits/],
    [{ limit: 10, status: ['for_sale'] }, /send postal_code, or city together with state_code/],
    [{ city: 'Austin', limit: 10 }, /send postal_code, or city together with state_code/],
    [listBody('90004', { status: ['for_sell'] }), /status values must be among/],
    [listBody('90004', { status: [] }), /status must not be empty/],
    [listBody('90004', { sort: { direction: 'down', field: 'list_date' } }), /sort.direction/],
    ['{"limit": 10,', /must be JSON/],
  ])('answers 400 with a message to %j', async (body, message) => {
    const sandbox = await start();

    const response = await postList(sandbox, body);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text).message).toMatch(message);
  });

  it('answers 404 to another path, as the gateway does', async () => {
    const sandbox = await start();

    const response = await fetch(`${sandbox.url}/properties/v2/list-for-sale`, { method: 'POST' });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: "Endpoint '/properties/v2/list-for-sale' does not exist",
    });
  });

  it('searches a city across its ZIP codes', async () => {
    const sandbox = await start();

    const city = JSON.parse((await postList(sandbox, { city: 'Austin', state_code: 'TX', limit: 1 })).text);
    const zips = await Promise.all(
      ['78701', '78704', '78745'].map(async (zip) =>
        JSON.parse((await postList(sandbox, listBody(zip, { limit: 1 }))).text),
      ),
    );

    const zipTotal = zips.reduce((sum, page) => sum + page.data.home_search.total, 0);
    expect(city.data.home_search.total).toBe(zipTotal);
  });
});

describe('sandbox determinism', () => {
  const requests = [
    listBody('90004', { limit: 50 }),
    listBody('90004', { limit: 50, offset: 50 }),
    listBody('02135', { status: ['for_rent', 'sold'] }),
    {
      city: 'Salt Lake City',
      state_code: 'UT',
      status: ['sold'],
      sort: { direction: 'asc', field: 'list_price' },
    },
  ];

  async function answers(options: SandboxOptions) {
    const sandbox = await start(options);
    const texts: string[] = [];
    for (const body of requests) texts.push((await postList(sandbox, body)).text);
    sandbox.advanceDays(3);
    texts.push((await postList(sandbox, requests[0])).text);
    return { texts, stats: sandbox.stats() };
  }

  it('gives the same bytes for the same seed, faults included', async () => {
    const options: SandboxOptions = { seed: 7, faults: { truncated: 0.3, malformed: 0.3, schemaDrift: 0.1 } };

    const first = await answers(options);
    const second = await answers(options);

    expect(first.stats.faults.truncated + first.stats.faults.malformed).toBeGreaterThan(0);
    expect(
      first.stats.drifted.missing + first.stats.drifted.renamed + first.stats.drifted.wrong_type,
    ).toBeGreaterThan(0);
    expect(second.texts).toEqual(first.texts);
  });

  it('gives another market for another seed', async () => {
    const first = await answers({ seed: 7 });
    const second = await answers({ seed: 8 });

    expect(second.texts[0]).not.toEqual(first.texts[0]);
  });

  it('still answers the seed-42 page recorded in test/fixtures/sandbox', async () => {
    // When the market generator changes on purpose, record the page again and review the diff.
    const golden = path.join(
      repoRoot,
      'test',
      'fixtures',
      'sandbox',
      'seed-42-postal-90004-for-sale-limit-2.json',
    );
    const sandbox = await start({ seed: 42 });

    const response = await postList(sandbox, listBody('90004', { limit: 2 }));

    expect(JSON.parse(response.text)).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
  });
});

describe('sandbox scale', () => {
  it('serves a market of 1,000,000 listings, generated on demand, deep into an area', async () => {
    const sandbox = await start({ listings: 1_000_000 });

    const first = JSON.parse((await postList(sandbox, listBody('90004', { limit: 1 }))).text).data
      .home_search;
    const deep = JSON.parse((await postList(sandbox, listBody('90004', { offset: first.total - 150 }))).text)
      .data.home_search;

    expect(first.total).toBeGreaterThan(10_000);
    expect(deep.count).toBe(150);
    expect(deep.total).toBe(first.total);
  });
});
