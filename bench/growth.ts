/**
 * growth: does a day's compaction grow with history? Two copies of the synthetic market
 * (bench/lib/synthetic-market.ts), one with 10 days compacted, one with 94 (90 and more, and 84 = 12 weeks
 * later, so each pair of daily runs falls on the same weekday: market_weekly reads the days of the week before
 * the new one). Their daily runs alternate (10, 94, 11, 95, 12, 96), so both see the same machine load.
 *
 *   npm run bench -- --only growth [--growth-listings N]
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createLocalDirStore } from '../src/adapters/object-store/local-dir.js';
import type { ObjectStore } from '../src/ports/object-store.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { compactDays, dayOf, writeSyntheticDays } from './lib/scale-warehouse.js';

const SHORT_DAYS = 10;
const LONG_DAYS = 94;
const DAILY_RUNS = 3;
const CHUNK_DAYS = 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1] ?? Number.NaN;
}

/** A market of `days` compacted days, ten days per compaction run. */
async function marketWithHistory(dir: string, listings: number, days: number): Promise<ObjectStore> {
  const store = createLocalDirStore({ root: path.join(dir, 'bucket') });
  for (let from = 0; from < days; from += CHUNK_DAYS) {
    const to = Math.min(days, from + CHUNK_DAYS);
    await writeSyntheticDays(store, { listings, firstDay: dayOf(0) }, from, to);
    await compactDays(store, dir, from, to);
  }
  return store;
}

/** Wall ms of compacting day `day` alone (its raw written first, untimed). */
async function dailyRunMs(store: ObjectStore, dir: string, listings: number, day: number): Promise<number> {
  await writeSyntheticDays(store, { listings, firstDay: dayOf(0) }, day, day + 1);
  const started = performance.now();
  await compactDays(store, dir, day, day + 1);
  return performance.now() - started;
}

/** compaction-growth: median daily run after 94 days of history against the same after 10 days. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const listings = options.sizes.growthListings;
  const [shortDir, longDir] = [path.join(options.workDir, 'short'), path.join(options.workDir, 'long')];
  try {
    const short = await marketWithHistory(shortDir, listings, SHORT_DAYS);
    const long = await marketWithHistory(longDir, listings, LONG_DAYS);
    const shortMs: number[] = [];
    const longMs: number[] = [];
    for (let run = 0; run < DAILY_RUNS; run += 1) {
      shortMs.push(await dailyRunMs(short, shortDir, listings, SHORT_DAYS + run));
      longMs.push(await dailyRunMs(long, longDir, listings, LONG_DAYS + run));
    }
    const [after10, after94] = [median(shortMs), median(longMs)];
    options.log(
      `growth: daily compaction of ${listings} listings: ${round(after10)} ms after ${SHORT_DAYS} days, ` +
        `${round(after94)} ms after ${LONG_DAYS} (runs ${shortMs.map((ms) => round(ms, 0)).join('/')} and ` +
        `${longMs.map((ms) => round(ms, 0)).join('/')} ms)`,
    );
    return [
      figure(
        {
          name: 'compaction-growth',
          value: round(after94, 0),
          unit: `ms, daily run after ${LONG_DAYS} days of history (median of ${DAILY_RUNS}, alternated)`,
          baseline: `the same daily run after ${SHORT_DAYS} days of history`,
          baselineValue: round(after10, 0),
        },
        'lowerIsBetter',
      ),
    ];
  } finally {
    await rm(options.workDir, { recursive: true, force: true });
  }
}
