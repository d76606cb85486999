/** How much of one calendar week (Monday to Sunday, UTC) the observations cover. */
export interface WeekCoverage {
  /** The week's Monday, YYYY-MM-DD, as market_summary's week_start. */
  week: string;
  /** Distinct days observed in the week. */
  observedDays: number;
  /** The observations start after its Monday or end before its Sunday: its counts hold fewer days than a whole week's. */
  partial: boolean;
}

const DAY_MS = 86_400_000;

function mondayOf(day: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  return new Date(ms - weekday * DAY_MS).toISOString().slice(0, 10);
}

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The weeks the observed days (YYYY-MM-DD, any order, repeats allowed) fall in, oldest first. A week is
 * partial when the observations do not span it whole: the first week of a market first seen mid-week, the
 * latest week while it is still going on. Counts such as new or sold listings summed over a partial week
 * are not comparable with a whole week's.
 */
export function weekCoverage(days: readonly string[]): WeekCoverage[] {
  const distinct = [...new Set(days)].sort();
  const first = distinct[0];
  const last = distinct.at(-1);
  if (first === undefined || last === undefined) return [];
  const byWeek = new Map<string, number>();
  for (const day of distinct) byWeek.set(mondayOf(day), (byWeek.get(mondayOf(day)) ?? 0) + 1);
  return [...byWeek.entries()].map(([week, observedDays]) => ({
    week,
    observedDays,
    partial: week < first || plusDays(week, 6) > last,
  }));
}

/** The weeks a trend should show: the whole ones, or every week while none is whole yet. */
export function trendWeeks(coverage: readonly WeekCoverage[]): Set<string> {
  const whole = coverage.filter((w) => !w.partial);
  return new Set((whole.length > 0 ? whole : coverage).map((w) => w.week));
}
