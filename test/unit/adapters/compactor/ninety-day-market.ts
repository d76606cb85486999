import type { ListingRecord, ListingStatus } from '../../../../src/domain/listing-record.js';
import { observation, type RawBatch } from './crafted-market.js';

/** The first of the market's days; day `n` is this plus n days. */
const FIRST_DAY_MS = Date.UTC(2026, 7, 1);
const DAY_MS = 86_400_000;
const STATUSES: ListingStatus[] = ['for_sale', 'for_sale', 'pending', 'for_sale', 'sold'];

export const NINETY_DAYS = 90;

/** 'YYYY-MM-DD' of the market's day `day` (0-based). */
export function marketDay(day: number): string {
  return new Date(FIRST_DAY_MS + day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whether listing `i` is observed on `day`: listings come and go, some skip days (gaps), so a listing's
 * previous day is often not the day before, and some are last seen long before the end.
 */
function seen(i: number, day: number): boolean {
  const from = (i * 7) % 30;
  const until = NINETY_DAYS - ((i * 11) % 40);
  return day >= from && day < until && (day + i) % (2 + (i % 3)) !== 0;
}

/** The observation of listing `i` on `day`: prices change every few days, statuses now and then. */
function observedOn(i: number, day: number): ListingRecord {
  const hour = String(8 + ((i + day) % 10)).padStart(2, '0');
  return observation({
    property: `N${String(i).padStart(3, '0')}`,
    state: i % 4 === 0 ? 'TX' : 'CA',
    at: `${marketDay(day)}T${hour}:00:00Z`,
    status: STATUSES[Math.floor((day + i) / 17) % STATUSES.length] ?? 'for_sale',
    price: i % 13 === 0 ? null : 300_000 + i * 1_000 - Math.floor(day / (3 + (i % 5))) * 2_500,
    listDate: `${marketDay(Math.max(0, ((i * 7) % 30) - 3))}T00:00:00Z`,
  });
}

/** One raw batch per day (days `from` to `to`, exclusive) of `listings` listings. */
export function ninetyDayBatches(listings: number, from = 0, to = NINETY_DAYS): RawBatch[] {
  const batches: RawBatch[] = [];
  for (let day = from; day < to; day += 1) {
    const records: ListingRecord[] = [];
    for (let i = 0; i < listings; i += 1) if (seen(i, day)) records.push(observedOn(i, day));
    batches.push({ partition: day % 3, firstOffset: day * 1_000, records });
  }
  return batches;
}

/** Late data for an old day: a later evening price cut of some listings already seen that day. */
export function lateBatch(listings: number, day: number): RawBatch {
  const records: ListingRecord[] = [];
  for (let i = 0; i < listings; i += 3) {
    if (!seen(i, day)) continue;
    records.push(
      observation({
        property: `N${String(i).padStart(3, '0')}`,
        state: i % 4 === 0 ? 'TX' : 'CA',
        at: `${marketDay(day)}T23:00:00Z`,
        price: 150_000 + i,
        status: 'for_sale',
      }),
    );
  }
  return { partition: 5, firstOffset: 900_000 + day, records };
}
