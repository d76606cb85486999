import { type ListingProfile, listingProfile, roundTo } from './listing-profile.js';
import {
  cutsBy,
  type ListingTimeline,
  lastChangeDay,
  listingTimeline,
  type Stage,
  stageAt,
} from './listing-timeline.js';
import { hash3, unit3 } from './seeded-random.js';

/** The sandbox market: `listings` homes drawn from `seed`; day 0 is the UTC midnight `startMs`. */
export interface Market {
  seed: number;
  listings: number;
  startMs: number;
}

/** One listing as the API sees it on one day. */
export interface ListingSnapshot {
  profile: ListingProfile;
  stage: Stage;
  day: number;
  listPrice: number | null;
  priceReducedAmount: number | null;
  soldPrice: number | null;
  lastSoldDate: string | null;
  lastSoldPrice: number | null;
  estimate: number | null;
  listDate: string;
  lastUpdateDate: string;
  isNewListing: boolean;
  openHouses: readonly { start: string; end: string }[] | null;
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;
/** Simulation knob: new listings ask up to this share above (late spring) or below (winter) the yearly mean. */
export const SEASONAL_PRICE_AMPLITUDE = 0.04;
// Day of the year asking prices peak (mid-June): US list prices rise through spring and ease into winter.
const SEASONAL_PEAK_DAY = 166;
const SALT_CUT = 0xc070;
const SALT_SOLD = 0x5013;
const SALT_OPEN = 0x0be2;
const SALT_UPDATE = 0x0bd7;

/** Listing `index` on `day`, or null when it is not listed yet. */
export function listingSnapshot(market: Market, index: number, day: number): ListingSnapshot | null {
  const timeline = listingTimeline(market, index);
  const stage = stageAt(timeline, day);
  if (stage === null) return null;
  const profile = listingProfile(market.seed, index, timeline.rental);
  const { listPrice, lastCut } = priceOn(market, profile, timeline, day);
  const sold =
    stage === 'sold' && timeline.soldDay !== null
      ? saleOf(market, profile, listPrice, timeline.soldDay)
      : null;
  const changeDay = lastChangeDay(timeline, day);
  // An update on the listing day comes after the listing itself.
  const earliest = changeDay === timeline.listDay ? timeline.listSecond : 0;
  const updateSecond = earliest + (hash3(market.seed, index, SALT_UPDATE + changeDay) % (86_400 - earliest));
  return {
    profile,
    stage,
    day,
    listPrice: profile.priceRange === null ? listPrice : null,
    priceReducedAmount: lastCut,
    soldPrice: sold?.price ?? null,
    lastSoldDate: sold?.date ?? profile.priorSale?.date ?? null,
    lastSoldPrice: sold?.price ?? profile.priorSale?.price ?? null,
    estimate: profile.estimateFactor === null ? null : roundTo(listPrice * profile.estimateFactor, 100),
    // The v3 API writes list_date with microseconds ('2024-02-15T04:07:56.000000Z').
    listDate: isoAt(market, timeline.listDay, timeline.listSecond).replace('.000Z', '.000000Z'),
    lastUpdateDate: isoAt(market, changeDay, updateSecond).replace('.000Z', 'Z'),
    isNewListing: day - timeline.listDay < 14,
    openHouses: stage === 'for_sale' ? openHousesAround(market, index, day) : null,
  };
}

/** The calendar date (YYYY-MM-DD, UTC) of a market day. */
export function marketDate(market: Market, day: number): string {
  return new Date(market.startMs + day * DAY_MS).toISOString().slice(0, 10);
}

/** The yearly cycle of asking prices at `dateMs`: 1 + amplitude at the peak, 1 - amplitude half a year later. */
export function seasonalPriceFactor(dateMs: number): number {
  const dayOfYear = (dateMs - Date.UTC(new Date(dateMs).getUTCFullYear(), 0, 1)) / DAY_MS;
  return 1 + SEASONAL_PRICE_AMPLITUDE * Math.cos((2 * Math.PI * (dayOfYear - SEASONAL_PEAK_DAY)) / YEAR_DAYS);
}

/** A listing's asking price when listed: its drawn price (the level of day 0) moved along the seasonal cycle. */
function askingPriceAtListing(
  market: Market,
  profile: ListingProfile,
  listDay: number,
  rental: boolean,
): number {
  // The day-0 market is drawn at day 0's level; homes listed later ask the season's level of their list day.
  if (listDay <= 0) return profile.basePrice;
  const cycle = seasonalPriceFactor(market.startMs + listDay * DAY_MS) / seasonalPriceFactor(market.startMs);
  // The grain drawPrice rounds to: the drawn price itself on day 0.
  const grain = rental ? 5 : profile.basePrice >= 1_000_000 ? 5_000 : 1_000;
  return Math.max(grain, roundTo(profile.basePrice * cycle, grain));
}

function priceOn(market: Market, profile: ListingProfile, timeline: ListingTimeline, day: number) {
  const { seed } = market;
  const step = timeline.rental ? 25 : profile.basePrice >= 1_000_000 ? 5_000 : 1_000;
  let price = askingPriceAtListing(market, profile, timeline.listDay, timeline.rental);
  let lastCut: number | null = null;
  for (let k = 0; k < cutsBy(timeline, day); k += 1) {
    lastCut = Math.max(step, roundTo(price * (0.02 + unit3(seed, profile.index, SALT_CUT + k) * 0.05), step));
    price -= lastCut;
  }
  return { listPrice: price, lastCut };
}

function saleOf(market: Market, profile: ListingProfile, listPrice: number, soldDay: number) {
  const ratio = 0.95 + unit3(market.seed, profile.index, SALT_SOLD) * 0.11;
  return { price: roundTo(listPrice * ratio, 1_000), date: marketDate(market, soldDay) };
}

function openHousesAround(
  market: Market,
  index: number,
  day: number,
): { start: string; end: string }[] | null {
  // One draw per listing and week, so a listing keeps its open houses through the week.
  const week = Math.floor(day / 7);
  const draw = hash3(market.seed, index, SALT_OPEN + week);
  if (draw % 100 >= 15) return null;
  const count = 1 + (draw % 3);
  return Array.from({ length: count }, (_, k) => {
    const startHour = 16 + ((draw >>> (8 + k * 3)) % 6);
    const start = isoAt(market, week * 7 + 7 + k, startHour * 3_600).replace('.000Z', 'Z');
    const end = isoAt(market, week * 7 + 7 + k, (startHour + 3) * 3_600).replace('.000Z', 'Z');
    return { start, end };
  });
}

function isoAt(market: Market, day: number, second: number): string {
  return new Date(market.startMs + day * DAY_MS + second * 1_000).toISOString();
}
