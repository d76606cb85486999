/**
 * Child process of the scale stage's `compaction` figures: a fresh Node that compacts one day of the cached
 * scale market, as a scheduled compaction process would, and prints its wall time, rows and peak RSS. Its own
 * process, so the peak is the compaction's and not whatever earlier bench stages left in the bench process.
 *
 *   node --import tsx bench/lib/compaction-child.ts <bucket dir> <temp dir> <day>
 */
import { createLocalDirStore } from '../../src/adapters/object-store/local-dir.js';
import { compactDays } from './scale-warehouse.js';

const [bucket, tempDir, dayText] = process.argv.slice(2);
const day = Number(dayText);
if (bucket === undefined || tempDir === undefined || !Number.isInteger(day) || day < 0) {
  console.error('usage: node --import tsx bench/lib/compaction-child.ts <bucket dir> <temp dir> <day>');
  process.exit(2);
}

const mb = (bytes: number) => bytes / 1_048_576;
const rssBeforeMb = mb(process.memoryUsage.rss());
const started = performance.now();
const manifest = await compactDays(createLocalDirStore({ root: bucket }), tempDir, day, day + 1);
const ms = performance.now() - started;
// maxRSS is in kilobytes (getrusage): the process's high-water mark, every thread and DuckDB's allocations.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ ms, rows: manifest.input.rows, rssBeforeMb, peakRssMb }));
