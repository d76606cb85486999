import type { ObjectStore } from '../ports/object-store.js';

/** Where the embedded runtime remembers the simulated market: its first date, the days already run, its size. */
export const MARKET_STATE_KEY = 'runs/market.json';

export interface MarketState {
  startDate: string;
  daysRun: number;
  /** The sandbox market's size and seed, fixed by the first run (absent in data dirs made before they were kept). */
  listings?: number;
  seed?: number;
}

const DAY_MS = 86_400_000;

/** The market state kept in the bucket, or undefined before the first run. */
export async function readMarketState(store: ObjectStore): Promise<MarketState | undefined> {
  const bytes = await store.get(MARKET_STATE_KEY);
  if (!bytes) return undefined;
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<MarketState>;
  if (typeof parsed.startDate !== 'string' || !Number.isInteger(parsed.daysRun)) return undefined;
  return {
    startDate: parsed.startDate,
    daysRun: parsed.daysRun ?? 0,
    ...(Number.isInteger(parsed.listings) ? { listings: parsed.listings } : {}),
    ...(Number.isInteger(parsed.seed) ? { seed: parsed.seed } : {}),
  };
}

export async function writeMarketState(store: ObjectStore, state: MarketState): Promise<void> {
  await store.put(MARKET_STATE_KEY, new TextEncoder().encode(JSON.stringify(state)), {
    contentType: 'application/json',
  });
}

/**
 * The clock of a simulated market day: the day's date with the wall clock's time of day, so each run of
 * the embedded pipeline observes one market day and `dt` moves forward a day per run.
 */
export function marketClock(state: MarketState, day: number, wallClock: () => number): () => number {
  const dayStart = Date.parse(`${state.startDate}T00:00:00Z`) + day * DAY_MS;
  return () => dayStart + (wallClock() % DAY_MS);
}

/** The date `days` days after `date` (YYYY-MM-DD; negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * Market days the first run over the sandbox ingests when the user names none: a week and a day, so that
 * every investor view, week over week included, has rows after one `npm start`.
 */
export const FIRST_RUN_DAYS = 8;
