import { UsageError } from '../errors.js';
import { addDays, daysBetween, FIRST_RUN_DAYS, type MarketState } from './market-state.js';

export interface MarketRequest {
  /** Days the user asked for (--days); undefined lets the run decide. */
  requested: number | undefined;
  /** Whether the market is the built-in sandbox (a real API has one market day: today). */
  simulated: boolean;
  /** Today's date, YYYY-MM-DD (UTC). */
  today: string;
  listings: number;
  seed: number;
}

export interface MarketPlan {
  state: MarketState;
  days: number;
  /** How many of the planned days fall after today (only when --days asked for more than the calendar has). */
  daysAfterToday: number;
}

/**
 * The market days a run ingests, dated so the simulated market never runs ahead of the calendar on its own:
 * a new market backfills FIRST_RUN_DAYS (or --days) ending today; a later run backfills every day from the
 * market's next day through today. An explicit --days past today is the user's to ask for, and is counted.
 * A later run over a market of another size or seed is refused: it would change the market mid-history.
 */
export function planMarketDays(stored: MarketState | undefined, request: MarketRequest): MarketPlan {
  const { requested, simulated, today } = request;
  const size = { listings: request.listings, seed: request.seed };
  if (!simulated) {
    return { state: stored ?? { startDate: today, daysRun: 0 }, days: requested ?? 1, daysAfterToday: 0 };
  }
  if (stored === undefined || stored.daysRun === 0) {
    const days = requested ?? FIRST_RUN_DAYS;
    return { state: { startDate: addDays(today, 1 - days), daysRun: 0, ...size }, days, daysAfterToday: 0 };
  }
  checkSameMarket(stored, request);
  const next = addDays(stored.startDate, stored.daysRun);
  const missing = daysBetween(next, today) + 1;
  if (requested === undefined && missing <= 0) {
    throw new UsageError(
      `the simulated market in this data dir is up to date: its last day, ${addDays(next, -1)}, is today or later; ` +
        'run again tomorrow, pass --days 1 to simulate a day ahead of the calendar, or start a new market with another --data-dir',
    );
  }
  const days = requested ?? missing;
  return { state: { ...stored, ...size }, days, daysAfterToday: Math.max(0, days - Math.max(0, missing)) };
}

function checkSameMarket(stored: MarketState, request: MarketRequest): void {
  const changed: string[] = [];
  if (stored.listings !== undefined && stored.listings !== request.listings) {
    changed.push(`--listings ${request.listings} (its market has ${stored.listings} listings)`);
  }
  if (stored.seed !== undefined && stored.seed !== request.seed) {
    changed.push(`--seed ${request.seed} (its market was seeded ${stored.seed})`);
  }
  if (changed.length === 0) return;
  throw new UsageError(
    `this data dir holds ${stored.daysRun} day(s) of another simulated market: ${changed.join(' and ')} would change it mid-history. ` +
      `Drop the flag to go on with ${stored.listings ?? request.listings} listings, or give a new --data-dir for the new market`,
  );
}
