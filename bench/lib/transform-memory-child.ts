/**
 * Child process of the transform memory figure: a fresh Node that reads one full MSK event from a file, as
 * the Lambda runtime hands it over, runs the transform handler's work on it (parse the event, transformBatch)
 * and prints its RSS before and at peak. Run bundled (bench/lib/child-process.ts), never imported.
 */
import { readFileSync } from 'node:fs';
import { type EncoderName, encoderByName } from '../../src/adapters/parquet/encoder-by-name.js';
import { parseMskEvent } from '../../src/msk/msk-event.js';
import { transformBatch } from '../../src/pipeline/transform-batch.js';
import { createCountingStore, createMemoryCatalog } from './memory-ports.js';

const [eventFile, encoderName] = process.argv.slice(2);
if (eventFile === undefined || encoderName === undefined) {
  throw new Error('usage: node transform-memory-child.cjs <event.json> <encoder>');
}

async function main(file: string, encoder: EncoderName): Promise<void> {
  const mb = (bytes: number) => bytes / 1_048_576;
  const store = createCountingStore();
  const deps = {
    store,
    catalog: createMemoryCatalog(),
    encoder: encoderByName(encoder),
    clock: Date.now,
    database: 'realty',
  };
  const rssBeforeMb = mb(process.memoryUsage.rss());
  const payload = readFileSync(file, 'utf8');
  const outcome = await transformBatch(parseMskEvent(JSON.parse(payload)), deps);
  // maxRSS is in kilobytes (getrusage).
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      rssBeforeMb,
      peakRssMb,
      payloadBytes: Buffer.byteLength(payload),
      records: outcome.records,
      written: outcome.written,
      objects: store.objects,
    }),
  );
}

// CommonJS once bundled: no top-level await.
main(eventFile, encoderName as EncoderName).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
