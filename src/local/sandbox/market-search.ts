import { listingSnapshot, type Market } from './listing-snapshot.js';
import { listingsBy, listingTimeline, stageAt, stageMatches } from './listing-timeline.js';
import { ZIP_TABLE } from './zip-table.js';

/** A search the sandbox answers: where, which statuses, in which order. */
export interface MarketQuery {
  where: { postalCode: string } | { city: string; stateCode: string };
  statuses: readonly string[];
  sort: { field: 'list_date' | 'list_price'; direction: 'asc' | 'desc' };
}

const CACHE_ENTRIES = 16;

/**
 * Finds the listings that answer a query on a day, in order. Listing i lives in ZIP_TABLE[i % n], so an area's
 * listings are enumerated without scanning the market; the ordered answer is cached per (query, day) so that
 * paging through an area costs one scan, and memory stays at 4 bytes per matching listing.
 */
export function createMarketSearch(market: Market) {
  const cache = new Map<string, Int32Array>();

  return (query: MarketQuery, day: number): Int32Array => {
    const key = `${JSON.stringify(query)}@${day}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const found = search(market, query, day);
    cache.set(key, found);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    return found;
  };
}

function search(market: Market, query: MarketQuery, day: number): Int32Array {
  const statuses = new Set(query.statuses);
  const matches: number[] = [];
  const sortKeys: number[] = [];
  const existing = listingsBy(market, day);
  for (const zipIndex of zipIndexesOf(query.where)) {
    for (let index = zipIndex; index < existing; index += ZIP_TABLE.length) {
      const timeline = listingTimeline(market, index);
      const stage = stageAt(timeline, day);
      if (stage === null || !stageMatches(stage, statuses)) continue;
      matches.push(index);
      sortKeys.push(
        query.sort.field === 'list_date'
          ? timeline.listDay * 86_400 + timeline.listSecond
          : priceOf(market, index, day),
      );
    }
  }
  const sign = query.sort.direction === 'asc' ? 1 : -1;
  const order = matches.map((_, k) => k);
  // Ties break on the listing index so the order, and so the pages, are stable.
  order.sort(
    (a, b) =>
      sign * ((sortKeys[a] as number) - (sortKeys[b] as number)) ||
      (matches[a] as number) - (matches[b] as number),
  );
  return Int32Array.from(order, (k) => matches[k] as number);
}

/** The asking price on `day` (the low end for a rent range), as the result will show it. */
function priceOf(market: Market, index: number, day: number): number {
  const snapshot = listingSnapshot(market, index, day);
  return snapshot?.listPrice ?? snapshot?.profile.priceRange?.min ?? 0;
}

function zipIndexesOf(where: MarketQuery['where']): number[] {
  const indexes: number[] = [];
  ZIP_TABLE.forEach((zip, i) => {
    const hit =
      'postalCode' in where
        ? zip.postalCode === where.postalCode
        : zip.city.toLowerCase() === where.city.toLowerCase() &&
          zip.stateCode === where.stateCode.toUpperCase();
    if (hit) indexes.push(i);
  });
  return indexes;
}
