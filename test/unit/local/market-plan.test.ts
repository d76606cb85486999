import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { type MarketRequest, planMarketDays } from '../../../src/local/market-plan.js';
import { addDays, FIRST_RUN_DAYS, type MarketState } from '../../../src/local/market-state.js';

const TODAY = '2026-12-06';
const request: MarketRequest = {
  requested: undefined,
  simulated: true,
  today: TODAY,
  listings: 3000,
  seed: 42,
};

/** The dates the planned days get (market day d is startDate + d). */
function datesOf(plan: ReturnType<typeof planMarketDays>): string[] {
  return Array.from({ length: plan.days }, (_, i) => addDays(plan.state.startDate, plan.state.daysRun + i));
}

describe('planMarketDays', () => {
  it('backfills a week and a day on the first run, ending today', () => {
    const plan = planMarketDays(undefined, request);

    expect(FIRST_RUN_DAYS).toBe(8);
    expect(plan.days).toBe(8);
    expect(datesOf(plan)).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(plan.state).toMatchObject({ listings: 3000, seed: 42 });
  });

  it('never dates a day after today unless --days asks for it, first run or later', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: -10, max: 30 }),
        (firstDays, daysRun, startOffset) => {
          const first = planMarketDays(undefined, { ...request, requested: firstDays });
          expect(datesOf(first).at(-1)).toBe(TODAY);
          const stored: MarketState = {
            startDate: addDays(TODAY, -startOffset - daysRun),
            daysRun,
            listings: 3000,
            seed: 42,
          };
          const later = (() => {
            try {
              return planMarketDays(stored, request);
            } catch (error) {
              expect(error).toBeInstanceOf(UsageError);
              return undefined;
            }
          })();
          if (later) {
            expect(datesOf(later).at(-1)).toBe(TODAY);
            expect(later.daysAfterToday).toBe(0);
          } else {
            expect(addDays(stored.startDate, daysRun - 1) >= TODAY).toBe(true);
          }
        },
      ),
    );
  });

  it('catches a later run up through today', () => {
    const stored = { startDate: '2026-11-29', daysRun: 5, listings: 3000, seed: 42 };

    const plan = planMarketDays(stored, request);

    expect(datesOf(plan)).toEqual(['2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it('resumes a first run stopped during its backfill with the days it planned (issue 18: Ctrl-C left 3 of 8)', () => {
    const first = planMarketDays(undefined, request);
    const stopped = { ...first.state, daysRun: 3 };

    const rerun = planMarketDays(stopped, request);

    expect(rerun.days).toBe(FIRST_RUN_DAYS - 3);
    expect([...datesOf({ ...first, days: 3 }), ...datesOf(rerun)]).toEqual(datesOf(first));
  });

  it('refuses a default run over a market already up to date, saying how to go on', () => {
    const stored = { startDate: '2026-11-29', daysRun: 8, listings: 3000, seed: 42 };

    expect(() => planMarketDays(stored, request)).toThrow(UsageError);
    expect(() => planMarketDays(stored, request)).toThrow(/up to date.*--days 1.*--data-dir/);
  });

  it('runs what --days asks for and counts the days it dates after today', () => {
    const stored = { startDate: '2026-11-29', daysRun: 8, listings: 3000, seed: 42 };

    const plan = planMarketDays(stored, { ...request, requested: 2 });

    expect(datesOf(plan)).toEqual(['2026-12-07', '2026-12-08']);
    expect(plan.daysAfterToday).toBe(2);
  });

  it('refuses a run that changes the market size or seed, naming both and the way out', () => {
    const stored = { startDate: '2026-11-29', daysRun: 8, listings: 3000, seed: 42 };

    const change = () => planMarketDays(stored, { ...request, requested: 1, listings: 500 });

    expect(change).toThrow(UsageError);
    expect(change).toThrow(/--listings 500 \(its market has 3000 listings\).*new --data-dir/);
    expect(() => planMarketDays(stored, { ...request, requested: 1, seed: 7 })).toThrow(/--seed 7/);
  });

  it('adopts the size of a data dir made before the size was kept', () => {
    const plan = planMarketDays({ startDate: '2026-11-29', daysRun: 8 }, { ...request, requested: 1 });

    expect(plan.state).toMatchObject({ listings: 3000, seed: 42 });
  });

  it('fetches a real API once: its market is today, there is nothing to backfill', () => {
    expect(planMarketDays(undefined, { ...request, simulated: false }).days).toBe(1);
  });
});
