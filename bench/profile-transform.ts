/**
 * Profiles the transform Lambda's work on the sandbox corpus: `node --cpu-prof --import tsx
 * bench/profile-transform.ts [records] [stage]` (stage: handler, validate-event or transform; default handler)
 * writes a .cpuprofile for Chrome DevTools and prints the CPU µs per record of the stage. Not part of
 * `npm run bench` (no run() export): a tool for finding what to fix, whose figures bench/transform.ts takes.
 */
import { encoderByName } from '../src/adapters/parquet/encoder-by-name.js';
import { parseMskEvent } from '../src/msk/msk-event.js';
import { transformBatch } from '../src/pipeline/transform-batch.js';
import { mskBatches, sharedCorpus } from './lib/corpus.js';
import { createCountingStore, createMemoryCatalog } from './lib/memory-ports.js';

const records = Number(process.argv[2] ?? 5_000);
const stage = process.argv[3] ?? 'handler';
const corpus = await sharedCorpus(records);
const events = mskBatches(corpus, 1_000);
const deps = {
  store: createCountingStore(),
  catalog: createMemoryCatalog(),
  encoder: encoderByName('flat'),
  clock: Date.now,
  database: 'realty',
};
const stages: Record<string, () => Promise<void>> = {
  handler: async () => {
    for (const event of events) await transformBatch(parseMskEvent(event), deps);
  },
  'validate-event': async () => {
    for (const event of events) parseMskEvent(event);
  },
  transform: async () => {
    for (const event of events) await transformBatch(event, deps);
  },
};
const work = stages[stage];
if (work === undefined)
  throw new Error(`unknown stage ${stage}; use one of ${Object.keys(stages).join(', ')}`);
let best = Number.POSITIVE_INFINITY;
for (let round = 0; round < 8; round++) {
  const started = process.cpuUsage();
  await work();
  const used = process.cpuUsage(started);
  if (round >= 2) best = Math.min(best, (used.user + used.system) / corpus.records.length);
}
console.log(
  `${stage}: ${best.toFixed(1)} µs/record (CPU, best of 6 after 2 warm-up rounds, ${corpus.records.length} records)`,
);
