import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trendWeeks, weekCoverage } from '../../../src/report/week-coverage.js';

const DAY_MS = 86_400_000;
const day = (start: string, n: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

describe('weekCoverage', () => {
  it('marks the first run’s leading Sunday and a latest week still going on as partial', () => {
    // Sunday 2026-11-29 to Thursday 2026-12-10: one day of the first week, all of the second, four of the third.
    const days = Array.from({ length: 12 }, (_, i) => day('2026-11-29', i));

    expect(weekCoverage(days)).toEqual([
      { week: '2026-11-23', observedDays: 1, partial: true },
      { week: '2026-11-30', observedDays: 7, partial: false },
      { week: '2026-12-07', observedDays: 4, partial: true },
    ]);
  });

  it('keeps a week whole when the observations span it, even seen every other day', () => {
    const days = Array.from({ length: 8 }, (_, i) => day('2026-03-02', 2 * i)); // Mon 03-02 to Mon 03-16

    expect(weekCoverage(days).map((w) => [w.week, w.partial])).toEqual([
      ['2026-03-02', false],
      ['2026-03-09', false],
      ['2026-03-16', true],
    ]);
  });

  it('holds every observed day in exactly one week, and marks whole only the weeks the span covers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }), (offset, length) => {
        const days = Array.from({ length }, (_, i) => day('2025-01-01', offset + i));

        const weeks = weekCoverage(days);

        expect(weeks.reduce((n, w) => n + w.observedDays, 0)).toBe(length);
        for (const w of weeks) expect(w.partial).toBe(w.observedDays < 7);
        expect(trendWeeks(weeks).size).toBe(
          weeks.some((w) => !w.partial) ? weeks.filter((w) => !w.partial).length : weeks.length,
        );
      }),
    );
  });

  it('has no weeks before anything is observed', () => {
    expect(weekCoverage([])).toEqual([]);
  });
});
