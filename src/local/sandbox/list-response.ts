import { type DriftKind, driftResult } from './faults.js';
import type { ListRequest } from './list-request.js';
import { listingSnapshot, type Market } from './listing-snapshot.js';
import type { MarketQuery } from './market-search.js';
import { toV3Result } from './v3-result.js';

/** One page as the API sends it, plus what the sandbox did to it. */
export interface ListPage {
  body: Buffer;
  results: number;
  drifted: DriftKind[];
}

/** Builds the `{ data: { home_search } }` answer to one list request on one day. */
export function buildListPage(
  market: Market,
  search: (query: MarketQuery, day: number) => Int32Array,
  request: ListRequest,
  day: number,
  driftRate: number,
): ListPage {
  const matches = search(request.query, day);
  const page = matches.subarray(Math.min(request.offset, matches.length), request.offset + request.limit);
  const drifted: DriftKind[] = [];
  const results = Array.from(page, (index) => {
    const snapshot = listingSnapshot(market, index, day);
    if (snapshot === null) throw new Error(`listing ${index} matched day ${day} but is not listed`);
    const result = toV3Result(snapshot);
    const drift = driftResult(result, driftRate, market.seed, index, day);
    if (drift !== null) drifted.push(drift);
    return result;
  });
  const homeSearch = {
    __typename: 'SearchHomeResult',
    count: results.length,
    total: matches.length,
    results,
  };
  return {
    body: Buffer.from(JSON.stringify({ data: { home_search: homeSearch } })),
    results: results.length,
    drifted,
  };
}
