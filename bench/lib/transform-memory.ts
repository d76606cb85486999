import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EncoderName } from '../../src/adapters/parquet/encoder-by-name.js';
import { bundleScript, runNodeForJson } from './child-process.js';
import { fullPayloadBatch, type ListingCorpus } from './corpus.js';
import { type BenchOptions, type Figure, figure, round } from './figure.js';

/** The memory a Lambda function of the smallest useful size gives the handler (the target). */
export const TARGET_RSS_MB = 128;

interface ChildReport {
  rssBeforeMb: number;
  peakRssMb: number;
  payloadBytes: number;
  records: number;
  written: number;
  objects: number;
}

/**
 * Peak RSS of a fresh Node process (no TypeScript loader) that takes one full 6 MB MSK event and runs the
 * transform on it, once per encoder: the whole process, as Lambda counts it against the function's memory.
 */
export async function transformMemoryFigures(
  corpus: ListingCorpus,
  encoders: readonly EncoderName[],
  defaultEncoder: EncoderName,
  options: BenchOptions,
): Promise<Figure[]> {
  const event = fullPayloadBatch(corpus);
  const eventFile = path.join(options.workDir, 'full-batch-event.json');
  await writeFile(eventFile, JSON.stringify(event));
  const child = await bundleScript(
    path.join(import.meta.dirname, 'transform-memory-child.ts'),
    path.join(options.workDir, 'transform-memory-child.cjs'),
  );
  const figures: Figure[] = [];
  for (const encoder of encoders) {
    const report = await runNodeForJson<ChildReport>([child, eventFile, encoder]);
    options.log(
      `  full batch [${encoder}]: ${report.records} records, ${(report.payloadBytes / 1e6).toFixed(2)} MB event, ` +
        `RSS ${report.rssBeforeMb.toFixed(0)} MB before, ${report.peakRssMb.toFixed(0)} MB at peak, ${report.objects} files`,
    );
    const fields = {
      value: round(report.peakRssMb, 1),
      unit: `MB peak RSS (${report.records}-record 6 MB batch)`,
      baseline: 'target: 128 MB Lambda',
      baselineValue: TARGET_RSS_MB,
    };
    if (encoder === defaultEncoder)
      figures.push(figure({ name: 'transform-peak-rss', ...fields }, 'lowerIsBetter'));
    figures.push(figure({ name: `transform-peak-rss[${encoder}]`, ...fields }, 'lowerIsBetter'));
  }
  return figures;
}
