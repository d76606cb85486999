import type { ListingRecord } from '../../../src/domain/listing-record.js';
import { parseListing } from '../../../src/domain/parse-listing.js';
import { listingSnapshot, type Market } from '../../../src/local/sandbox/listing-snapshot.js';
import { listingsBy } from '../../../src/local/sandbox/listing-timeline.js';
import { toV3Result } from '../../../src/local/sandbox/v3-result.js';

const DAY_MS = 86_400_000;
// What the embedded run searches each zip code for (src/local/sandbox/sandbox.ts): off-market homes drop out.
const SEARCHED = new Set(['for_sale', 'contingent', 'pending', 'for_rent', 'sold']);

/**
 * The records `realty run` would write over `days` market days of the sandbox market, observing every
 * `everyDays`-th day, without the transport: the v3 results the sandbox serves, parsed by the transform's parser.
 */
export function sandboxMarketRecords(market: Market, days: number, everyDays = 1): ListingRecord[] {
  const records: ListingRecord[] = [];
  for (let day = 0; day < days; day += everyDays) {
    const observedAt = market.startMs + day * DAY_MS + 13 * 3_600_000;
    for (let index = 0; index < listingsBy(market, day); index += 1) {
      const snapshot = listingSnapshot(market, index, day);
      if (snapshot === null || !SEARCHED.has(snapshot.stage)) continue;
      const parsed = parseListing(toV3Result(snapshot), {
        source: 'realty-in-us/v3',
        searchArea: `postal_code:${snapshot.profile.zip.postalCode}`,
        observedAt,
      });
      if (parsed.ok) records.push(parsed.record);
    }
  }
  return records;
}
