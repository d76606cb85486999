import { afterEach, describe, expect, it } from 'vitest';
import { createRealtorApiSource, listBody } from '../../../../src/adapters/listing-source/realtor-api.js';
import { ApiError, ConfigError } from '../../../../src/errors.js';
import type { SearchArea } from '../../../../src/ports/listing-source.js';
import { hasSharedFixtures, loadFixture, loadFixtureText } from '../../../helpers/fixtures.js';
import { area90004, collect, sandboxes, sourceFor, startServer } from './source-harness.js';

const boxes = sandboxes();
afterEach(() => boxes.closeAll());

describe('createRealtorApiSource paging', () => {
  it('pages through an area with offset/limit until the reported total', async () => {
    const sandbox = await boxes.start({ listings: 3_000 });
    const source = sourceFor(sandbox, { pageSize: 20 });

    const { pages, error } = await collect(source, area90004);

    expect(error).toBeUndefined();
    const total = pages[0]?.total ?? 0;
    expect(total).toBeGreaterThan(40);
    expect(pages.map((p) => p.offset)).toEqual(
      Array.from({ length: Math.ceil(total / 20) }, (_, k) => k * 20),
    );
    const ids = pages.flatMap((p) => p.results.map((r) => (r as { property_id: string }).property_id));
    expect(new Set(ids).size).toBe(total);
    expect(source.stats()).toEqual({ requests: pages.length, retries: 0, rateLimited: 0, failedAreas: 0 });
  });

  it('labels every page with its area, offset, source and fetch time', async () => {
    const sandbox = await boxes.start();
    const source = sourceFor(sandbox, { clock: () => 1_708_000_000_000 });

    const { pages } = await collect(source, area90004);

    expect(pages[0]).toMatchObject({
      area: area90004,
      offset: 0,
      source: 'realty-in-us/v3',
      fetchedAt: 1_708_000_000_000,
    });
  });

  it('searches a city', async () => {
    const sandbox = await boxes.start();
    const austin: SearchArea = { kind: 'city', city: 'Austin', stateCode: 'TX', statuses: ['for_sale'] };

    const { pages } = await collect(sourceFor(sandbox), austin);

    const zips = new Set(
      pages[0]?.results.map(
        (r) => (r as { location: { address: { postal_code: string } } }).location.address.postal_code,
      ),
    );
    expect(zips).toEqual(new Set(['78701', '78704', '78745']));
  });

  it('yields one empty page for an area with no listings', async () => {
    const sandbox = await boxes.start();
    const nowhere: SearchArea = { kind: 'postal_code', postalCode: '99999', statuses: ['for_sale'] };

    const { pages, error } = await collect(sourceFor(sandbox), nowhere);

    expect(error).toBeUndefined();
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ total: 0, results: [] });
  });

  it.skipIf(!hasSharedFixtures)('sends the body the real client sends', () => {
    const area: SearchArea = { kind: 'postal_code', postalCode: '90004', statuses: ['for_sale'] };

    const body = listBody(area, 0, 10);

    // SOURCES.md records the request behind the real response.
    expect(JSON.stringify(body)).toBe(
      '{"limit":10,"offset":0,"postal_code":"90004","status":["for_sale"],"sort":{"direction":"desc","field":"list_date"}}',
    );
    expect(loadFixtureText('SOURCES.md')).toContain(JSON.stringify(body));
  });

  it.skipIf(!hasSharedFixtures)(
    'stops with REALTY_API_RESPONSE when the API sends the same page for every offset',
    async () => {
      const realPage = loadFixtureText(
        'realtor-api',
        'realty-in-us_v3_list_90004_for_sale_limit10_renty.json',
      );
      const server = await startServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(realPage),
      );
      const source = createRealtorApiSource({
        baseUrl: server.url,
        apiKey: 'k-123456',
        pageSize: 10,
        sleep: async () => {},
      });

      const { pages, error } = await collect(source, {
        kind: 'postal_code',
        postalCode: '90004',
        statuses: ['for_sale'],
      });
      await server.close();

      expect(pages).toHaveLength(2);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('REALTY_API_RESPONSE');
      expect(error?.message).toMatch(/same page for offsets 0 and 10 of postal:90004:for_sale/);
      expect(source.stats().failedAreas).toBe(1);
    },
  );

  it.skipIf(!hasSharedFixtures)('reads a recorded real response as a page', async () => {
    const realPage = loadFixture<{ data: { home_search: { total: number; results: unknown[] } } }>(
      'realtor-api',
      'realty-in-us_v3_list_90004_for_sale_limit10_renty.json',
    );
    const server = await startServer((_req, res) => res.writeHead(200).end(JSON.stringify(realPage)));
    const source = createRealtorApiSource({ baseUrl: server.url, apiKey: 'k-123456', pageSize: 200 });

    const { pages } = await collect(source, {
      kind: 'postal_code',
      postalCode: '90004',
      statuses: ['for_sale'],
    });
    await server.close();

    expect(pages).toHaveLength(1);
    expect(pages[0]?.total).toBe(79);
    expect(pages[0]?.results).toEqual(realPage.data.home_search.results);
  });
});

describe('createRealtorApiSource failures that are not retried', () => {
  it('fails at once with REALTY_API_AUTH on a wrong key', async () => {
    const sandbox = await boxes.start();
    const source = sourceFor(sandbox, { apiKey: 'a-wrong-key-0000' });

    const { error } = await collect(source, area90004);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'REALTY_API_AUTH', status: 403 });
    expect(error?.message).toMatch(/You are not subscribed to this API.*REALTY_API_KEY/);
    expect(source.stats()).toMatchObject({ requests: 1, retries: 0, failedAreas: 1 });
  });

  it('fails at once with REALTY_API_RESPONSE when the API rejects the request (400)', async () => {
    const sandbox = await boxes.start();
    const badArea = { kind: 'postal_code', postalCode: '9004', statuses: ['for_sale'] } as SearchArea;

    const { error } = await collect(sourceFor(sandbox), badArea);

    expect(error).toMatchObject({ code: 'REALTY_API_RESPONSE', status: 400 });
    expect(error?.message).toMatch(
      /rejected the request for postal:9004:for_sale at offset 0.*postal_code must be 5 digits/,
    );
  });

  it('stops with REALTY_API_BUDGET once the run has made its budget of requests', async () => {
    const sandbox = await boxes.start();
    const source = sourceFor(sandbox, { pageSize: 10, requestBudget: 2 });

    const { pages, error } = await collect(source, area90004);

    expect(pages).toHaveLength(2);
    expect(error).toMatchObject({ code: 'REALTY_API_BUDGET' });
    expect(error?.message).toMatch(
      /budget of 2 API requests.*postal:90004:for_sale,sold,for_rent, offset 20/,
    );
    expect(source.stats()).toMatchObject({ requests: 2, failedAreas: 1 });
  });

  it('stops when the caller aborts, without counting the area as failed', async () => {
    const sandbox = await boxes.start();
    const source = sourceFor(sandbox, { pageSize: 10 });
    const controller = new AbortController();

    const pages = [];
    let error: unknown;
    try {
      for await (const page of source.pages(area90004, { signal: controller.signal })) {
        pages.push(page);
        controller.abort();
      }
    } catch (e) {
      error = e;
    }

    expect(pages).toHaveLength(1);
    expect((error as Error).name).toBe('AbortError');
    expect(source.stats().failedAreas).toBe(0);
  });

  it.each([
    [{ baseUrl: 'not a url' }, /baseUrl/],
    [{ apiKey: '' }, /apiKey.*REALTY_API_KEY/],
    [{ pageSize: 201 }, /pageSize.*200/],
    [{ retry: { maxAttempts: 0 } }, /maxAttempts/],
    [{ retries: 3 }, /retries/],
  ])('rejects the options %j with a ConfigError', (overrides, message) => {
    const options = { baseUrl: 'http://127.0.0.1:1', apiKey: 'k-123456', ...overrides };

    expect(() => createRealtorApiSource(options as never)).toThrow(ConfigError);
    expect(() => createRealtorApiSource(options as never)).toThrow(message);
  });
});
