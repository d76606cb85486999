import { createRng, hash3, type Rng } from './seeded-random.js';

/** The market's size and seed: what a listing's life depends on. */
export interface MarketSize {
  seed: number;
  /** Listings that exist on day 0 (listed during the HISTORY_DAYS before it). */
  listings: number;
}

/** Listings of day 0 were listed up to this many days before it. */
export const HISTORY_DAYS = 90;
/** Each day after day 0, this share of the day-0 market arrives: the pace before day 0, so the market keeps its size. */
export const DAILY_ARRIVAL_SHARE = 1 / (HISTORY_DAYS + 1);
/** Share of the market that is rentals. */
export const RENTAL_SHARE = 0.25;

/** Where a listing is in its life on one day. `contingent` and `pending` are still for sale, under contract. */
export type Stage = 'for_sale' | 'contingent' | 'pending' | 'sold' | 'for_rent' | 'off_market';

/** The days on which one listing's life changes, drawn once from (seed, index). */
export interface ListingTimeline {
  rental: boolean;
  listDay: number;
  /** Seconds into listDay at which it was listed. */
  listSecond: number;
  /** Days of price cuts, in order. */
  cutDays: readonly number[];
  contingentDay: number | null;
  pendingDay: number | null;
  soldDay: number | null;
  offMarketDay: number | null;
}

const SALT_TIMELINE = 0x7141;

/** New listings per day after day 0. */
export function arrivalsPerDay(market: MarketSize): number {
  return Math.max(1, Math.round(market.listings * DAILY_ARRIVAL_SHARE));
}

/** How many listing indexes exist by `day`: the day-0 market plus every arrival since. */
export function listingsBy(market: MarketSize, day: number): number {
  return market.listings + arrivalsPerDay(market) * Math.max(0, day);
}

/**
 * The life of listing `index`; cheap enough to compute for every listing of an area. Indexes below
 * `listings` were listed before day 0; the ones after arrive, `arrivalsPerDay` a day, from day 1 on.
 */
export function listingTimeline(market: MarketSize, index: number): ListingTimeline {
  const rng = createRng(hash3(market.seed, index, SALT_TIMELINE));
  const rental = rng.chance(RENTAL_SHARE);
  const drawnDay = -rng.int(0, HISTORY_DAYS);
  const listDay =
    index < market.listings ? drawnDay : 1 + Math.floor((index - market.listings) / arrivalsPerDay(market));
  const listSecond = rng.int(0, 86_399);
  return rental ? rentalTimeline(rng, listDay, listSecond) : saleTimeline(rng, listDay, listSecond);
}

function saleTimeline(rng: Rng, listDay: number, listSecond: number): ListingTimeline {
  const outcome = rng.next();
  const daysToContract = rng.int(7, 90);
  let contingentDay: number | null = null;
  let pendingDay: number | null = null;
  let soldDay: number | null = null;
  let offMarketDay: number | null = null;
  if (outcome < 0.72) {
    if (rng.chance(0.35)) contingentDay = listDay + daysToContract;
    pendingDay = contingentDay === null ? listDay + daysToContract : contingentDay + rng.int(3, 12);
    soldDay = pendingDay + rng.int(20, 45);
  } else if (outcome < 0.84) {
    offMarketDay = listDay + rng.int(45, 180);
  }
  const activeUntil = contingentDay ?? pendingDay ?? offMarketDay ?? Number.POSITIVE_INFINITY;
  const cutDays = drawCuts(rng, listDay, activeUntil, 0.35);
  return { rental: false, listDay, listSecond, cutDays, contingentDay, pendingDay, soldDay, offMarketDay };
}

function rentalTimeline(rng: Rng, listDay: number, listSecond: number): ListingTimeline {
  const offMarketDay = listDay + rng.int(7, 60);
  const cutDays = drawCuts(rng, listDay, offMarketDay, 0.15);
  return {
    rental: true,
    listDay,
    listSecond,
    cutDays,
    contingentDay: null,
    pendingDay: null,
    soldDay: null,
    offMarketDay,
  };
}

function drawCuts(rng: Rng, listDay: number, activeUntil: number, chance: number): number[] {
  const cuts: number[] = [];
  if (!rng.chance(chance)) return cuts;
  const first = listDay + rng.int(7, 45);
  if (first < activeUntil) cuts.push(first);
  const second = first + rng.int(14, 40);
  if (rng.chance(0.4) && second < activeUntil) cuts.push(second);
  return cuts;
}

/** The stage of a listing on `day`, or null before it is listed. */
export function stageAt(t: ListingTimeline, day: number): Stage | null {
  if (day < t.listDay) return null;
  if (t.rental) return t.offMarketDay !== null && day >= t.offMarketDay ? 'off_market' : 'for_rent';
  if (t.soldDay !== null && day >= t.soldDay) return 'sold';
  if (t.pendingDay !== null && day >= t.pendingDay) return 'pending';
  if (t.contingentDay !== null && day >= t.contingentDay) return 'contingent';
  if (t.offMarketDay !== null && day >= t.offMarketDay) return 'off_market';
  return 'for_sale';
}

/**
 * Whether a listing in `stage` answers a search for `statuses`. A `for_sale` search includes homes under
 * contract, which the API flags (is_contingent, is_pending) rather than hiding.
 */
export function stageMatches(stage: Stage, statuses: ReadonlySet<string>): boolean {
  if (stage === 'contingent' || stage === 'pending') return statuses.has('for_sale') || statuses.has(stage);
  return statuses.has(stage);
}

/** How many price cuts happened by `day`. */
export function cutsBy(t: ListingTimeline, day: number): number {
  return t.cutDays.filter((cutDay) => cutDay <= day).length;
}

/** The day of the latest change on or before `day`. */
export function lastChangeDay(t: ListingTimeline, day: number): number {
  const days = [t.listDay, ...t.cutDays, t.contingentDay, t.pendingDay, t.soldDay, t.offMarketDay];
  return Math.max(...days.filter((d): d is number => d !== null && d <= day));
}
