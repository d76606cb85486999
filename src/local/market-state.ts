import type { ObjectStore } from '../ports/object-store.js';

/** Where the embedded runtime remembers the simulated market: its first date and the days already run. */
export const MARKET_STATE_KEY = 'runs/market.json';

export interface MarketState {
  startDate: string;
  daysRun: number;
  /** The day count a run planned to reach (daysRun + its days), kept so an interrupted run is resumed. */
  plannedThrough?: number;
}

const DAY_MS = 86_400_000;

/** The market state kept in the bucket, or a new one starting on `today` (YYYY-MM-DD). */
export async function readMarketState(store: ObjectStore, today: string): Promise<MarketState> {
  const bytes = await store.get(MARKET_STATE_KEY);
  if (!bytes) return { startDate: today, daysRun: 0 };
  const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Partial<MarketState>;
  if (typeof parsed.startDate !== 'string' || !Number.isInteger(parsed.daysRun)) {
    return { startDate: today, daysRun: 0 };
  }
  const planned = Number.isInteger(parsed.plannedThrough)
    ? { plannedThrough: parsed.plannedThrough as number }
    : {};
  return { startDate: parsed.startDate, daysRun: parsed.daysRun ?? 0, ...planned };
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

/**
 * Market days the first run over the sandbox ingests when the user names none: a week and a day, so that
 * every investor view, week over week included, has rows after one `npm start`.
 */
export const FIRST_RUN_DAYS = 8;

/**
 * How many market days a run ingests: the `requested` number when given; otherwise a backfill of
 * FIRST_RUN_DAYS on the first run over the simulated market and one day after that, unless an earlier
 * run was stopped before the days it planned: then those. A real API has one market day, today.
 */
export function marketDaysToRun(
  requested: number | undefined,
  history: { daysRun: number; simulated: boolean; plannedThrough?: number | undefined },
): number {
  if (requested !== undefined) return requested;
  // A run stopped (Ctrl-C, SIGKILL) before the days it planned: the next one does the rest.
  if (history.plannedThrough !== undefined && history.plannedThrough > history.daysRun) {
    return history.plannedThrough - history.daysRun;
  }
  return history.simulated && history.daysRun === 0 ? FIRST_RUN_DAYS : 1;
}
