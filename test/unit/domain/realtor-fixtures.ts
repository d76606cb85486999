import { loadFixture } from '../../helpers/fixtures.js';

/** A JSON object from a real response, cloned so a test may change it. */
export type JsonObject = { [key: string]: unknown };

/** One real response file, where its results sit, and a plausible moment it was fetched (after its newest date). */
export interface RealtorFixture {
  name: string;
  file: string;
  observedAt: number;
  results: (document: unknown) => JsonObject[];
}

const at = (document: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], document);

export const V3_LIST: RealtorFixture = {
  name: 'realty-in-us v3 list 90004',
  file: 'realty-in-us_v3_list_90004_for_sale_limit10_renty.json',
  observedAt: Date.UTC(2024, 1, 16),
  results: (d) => at(d, 'data', 'home_search', 'results') as JsonObject[],
};

export const NEXT_DATA: RealtorFixture = {
  name: 'realtor.com next-data Alpine UT',
  file: 'realtorcom_nextdata_home_search_alpine_ut_42.json',
  observedAt: Date.UTC(2021, 3, 7),
  results: (d) => at(d, 0, 'props', 'pageProps', 'searchResults', 'home_search', 'results') as JsonObject[],
};

export const RENTALS: RealtorFixture = {
  name: 'realtor.com rentals Boston',
  file: 'real-estate12_listings-rent_boston_results_42.json',
  observedAt: Date.UTC(2023, 0, 19),
  results: (d) => d as JsonObject[],
};

export const V2_LIST: RealtorFixture = {
  name: 'realtor v2 list-for-sale NYC',
  file: 'realtor_v2_list-for-sale_nyc_200.json',
  observedAt: Date.UTC(2020, 7, 14),
  results: (d) => at(d, 'properties') as JsonObject[],
};

export const ALL_FIXTURES = [V3_LIST, NEXT_DATA, RENTALS, V2_LIST];

/** The results of a real response file, deep-copied. */
export function fixtureResults(fixture: RealtorFixture): JsonObject[] {
  return fixture.results(loadFixture('realtor-api', fixture.file));
}

/** Sets a value at a dotted path of a cloned result (creating nothing: the path must exist up to its parent). */
export function setPath(target: JsonObject, path: string, value: unknown): JsonObject {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<JsonObject>((node, key) => node[key] as JsonObject, target);
  parent[last] = value;
  return target;
}

/** Removes the key at a dotted path of a cloned result. */
export function deletePath(target: JsonObject, path: string): JsonObject {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<JsonObject>((node, key) => node[key] as JsonObject, target);
  delete parent[last];
  return target;
}
