import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../../src/local/sandbox/sandbox.js';
import { hasSharedFixtures, loadFixture } from '../../../helpers/fixtures.js';
import { fetchAll } from './post-list.js';

type Json = Record<string, unknown>;

/** Key sets and __typenames of every nested object, by path (`location.address`, `open_houses[]`...). */
function shapeOf(results: readonly unknown[]) {
  const keys = new Map<string, Set<string>>();
  const typenames = new Map<string, Set<unknown>>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, `${path}[]`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const set = keys.get(path) ?? new Set<string>();
    const names = typenames.get(path) ?? new Set<unknown>();
    for (const [key, child] of Object.entries(value)) {
      set.add(key);
      if (key === '__typename') names.add(child);
      walk(child, path === '' ? key : `${path}.${key}`);
    }
    keys.set(path, set);
    typenames.set(path, names);
  };
  for (const result of results) walk(result, '');
  return { keys, typenames };
}

describe.skipIf(!hasSharedFixtures)('sandbox results against the real v3 response', () => {
  let sandbox: Sandbox;
  let results: Json[];
  const real = hasSharedFixtures
    ? loadFixture<{ data: { home_search: { results: Json[] } } }>(
        'realtor-api',
        'realty-in-us_v3_list_90004_for_sale_limit10_renty.json',
      ).data.home_search.results
    : [];
  const otherRealV3 = hasSharedFixtures
    ? [
        ...loadFixture<Json[]>('realtor-api', 'real-estate12_listings-rent_boston_results_42.json'),
        ...loadFixture<{ props: { pageProps: { searchResults: { home_search: { results: Json[] } } } } }[]>(
          'realtor-api',
          'realtorcom_nextdata_home_search_alpine_ut_42.json',
        ).flatMap((page) => page.props.pageProps.searchResults.home_search.results),
      ]
    : [];

  beforeAll(async () => {
    sandbox = await startSandbox({ rateLimitPerSecond: 0, listings: 3_000 });
    results = [
      ...(await fetchAll(sandbox, { postal_code: '90004', status: ['for_sale', 'sold', 'for_rent'] })),
      ...(await fetchAll(sandbox, { city: 'Los Angeles', state_code: 'CA', status: ['for_rent'] })),
    ];
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('has every key of every nested object of the real result, with the same __typename', () => {
    const ours = shapeOf(results);
    const theirs = shapeOf(real);

    for (const [path, keys] of theirs.keys) {
      expect(
        [...keys].filter((key) => !ours.keys.get(path)?.has(key)),
        `missing at '${path}'`,
      ).toEqual([]);
      expect(ours.typenames.get(path), `__typename at '${path}'`).toEqual(theirs.typenames.get(path));
    }
  });

  it('adds only keys that real realtor.com v3 results carry at the same place', () => {
    const ours = shapeOf(results);
    const theirs = shapeOf(real);
    const others = shapeOf(otherRealV3);

    for (const [path, keys] of ours.keys) {
      expect(theirs.keys.has(path), `unknown object at '${path}'`).toBe(true);
      const extra = [...keys].filter((key) => !theirs.keys.get(path)?.has(key));
      expect(
        extra.filter((key) => !others.keys.get(path)?.has(key)),
        `invented keys at '${path}'`,
      ).toEqual([]);
    }
  });

  it('writes list_date with microseconds, as the v3 API does', () => {
    for (const result of results)
      expect(result.list_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000Z$/);
    expect(real[0]?.list_date).toMatch(/\.000000Z$/);
  });

  it('leaves flags null rather than false', () => {
    const values = results.flatMap((r) =>
      Object.entries(r.flags as Json).filter(([k]) => k !== '__typename'),
    );

    expect(values.filter(([, v]) => v === false)).toEqual([]);
    expect(values.filter(([, v]) => v === null).length).toBeGreaterThan(values.length / 2);
  });

  it('keeps results near the size of the real ones (2.7-3.7 KB)', () => {
    const sizes = results.map((r) => JSON.stringify(r).length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    const realMean = real.map((r) => JSON.stringify(r).length).reduce((a, b) => a + b, 0) / real.length;

    expect(mean).toBeGreaterThan(2_200);
    expect(mean).toBeLessThan(realMean * 1.1);
  });

  it('places every result in a real ZIP with its real county FIPS code', () => {
    const counties = new Set(results.map((r) => JSON.stringify((r.location as { county: unknown }).county)));

    expect(counties).toEqual(
      new Set([JSON.stringify({ __typename: 'HomeCounty', fips_code: '06037', name: 'Los Angeles' })]),
    );
    expect(real[0]).toMatchObject({ location: { county: { fips_code: '06037' } } });
  });
});
