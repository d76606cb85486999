/**
 * scale: compaction at national scale on the synthetic market DuckDB generates (bench/lib/synthetic-market.ts).
 *   compaction         rows/s of a daily compaction (the new day joined to listings_current, both tables
 *                      written) against a bare DuckDB `COPY … PARTITION_BY (dt, state)` of the same raw day;
 *                      peak RSS of the compaction in a process of its own, beside the COPY's
 *   query-<view>-scale every investor view over `scaleListings × scaleDays × 0.9` history rows (≥ 10M by
 *                      default; built once and cached under .cache/bench-scale/)
 *
 *   npm run bench -- --only scale [--scale-listings N] [--scale-days N]
 */
import path from 'node:path';
import type { ObjectStore } from '../src/ports/object-store.js';
import { runNodeForJson } from './lib/child-process.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { bareCopy, dayOf, rawFilesOf, writeSyntheticDays } from './lib/scale-warehouse.js';
import { scaleViewFigures } from './scale-views.js';

interface ChildRun {
  ms: number;
  rows: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

/**
 * Compacts day `day` alone (its raw written first, untimed) in a process of its own
 * (bench/lib/compaction-child.ts): its peak RSS is the compaction's, not what earlier stages left here.
 */
async function dailyRun(
  store: ObjectStore,
  bucketDir: string,
  tempDir: string,
  listings: number,
  day: number,
): Promise<ChildRun> {
  await writeSyntheticDays(store, { listings, firstDay: dayOf(0) }, day, day + 1);
  const child = path.join(import.meta.dirname, 'lib', 'compaction-child.ts');
  return runNodeForJson<ChildRun>(['--import', 'tsx', child, bucketDir, tempDir, String(day)], {
    timeoutMs: 900_000,
  });
}

/** compaction: a daily run on the big market against a bare COPY of the same raw day. */
async function dailyFigures(
  options: BenchOptions,
  store: ObjectStore,
  bucketDir: string,
  listings: number,
  day: number,
) {
  const run = await dailyRun(store, bucketDir, options.workDir, listings, day);
  const peakMb = run.peakRssMb;
  const files = (await rawFilesOf(store, dayOf(day), dayOf(day))).map((file) => store.uri(file.key));
  const copy = await bareCopy(files, path.join(options.workDir, 'bare-copy'));
  const [rate, copyRate] = [run.rows / (run.ms / 1000), run.rows / (copy.ms / 1000)];
  options.log(
    `scale: daily compaction of ${run.rows} rows with ${listings} current listings: ${round(run.ms)} ms ` +
      `(${round(rate)} rows/s, peak RSS ${round(peakMb)} MB in its own process, ${round(run.rssBeforeMb)} MB before); ` +
      `bare COPY ${round(copy.ms)} ms (peak ${round(copy.peakMb)} MB)`,
  );
  return [
    figure({
      name: 'compaction',
      value: round(rate),
      unit: 'rows/s, daily run (new day joined to listings_current)',
      baseline: 'bare DuckDB COPY … PARTITION_BY (dt, state) of the same raw day',
      baselineValue: round(copyRate),
    }),
    figure(
      {
        name: 'compaction-peak-rss',
        value: round(peakMb, 0),
        unit: 'MB peak RSS of the compaction process (budget 1024)',
        baseline: 'the bare COPY of the same day',
        baselineValue: round(copy.peakMb, 0),
      },
      'lowerIsBetter',
    ),
  ];
}

/** The scale stage: the daily run and the views on the big market (compaction-growth is bench/growth.ts). */
export async function run(options: BenchOptions): Promise<Figure[]> {
  return scaleViewFigures(options, async (store, listings, days, bucketDir) =>
    dailyFigures(options, store, bucketDir, listings, days),
  );
}
