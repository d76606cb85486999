import type { PartitionValues } from '../domain/partition-path.js';
import { type ScopeEntry, weekStartOf } from './compaction-scope.js';

const DAY_MS = 86_400_000;

/** Monday of the week before the week of `dt` ('YYYY-MM-DD'): the market week listing_outcomes reads as context. */
export function contextWeekOf(dt: string): string {
  const monday = Date.parse(`${weekStartOf(dt)}T00:00:00Z`);
  return new Date(monday - 7 * DAY_MS).toISOString().slice(0, 10);
}

/**
 * True when a market_weekly partition (dt = its Monday) is the week before its state's fromDt week: the only
 * earlier week a run's new listing episodes take their zip context from (later weeks are rebuilt by the run).
 */
export function isContextWeek(scope: readonly ScopeEntry[], partition: PartitionValues): boolean {
  return scope.some(
    (entry) => entry.state === partition.state && partition.dt === contextWeekOf(entry.fromDt),
  );
}
