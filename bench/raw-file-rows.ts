/**
 * raw-file-rows: the median rows per raw Parquet object after an `npm start`-like run (`realty run` with the
 * default configuration: the sandbox market of REALTY_LISTINGS' default, a first-run backfill, the embedded log).
 * bench/consumer-kafka.ts measures the same after draining its 200,000 listings from a real broker.
 */
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { runLocalPipeline } from '../src/local/run-pipeline.js';
import { localTopicSpec } from '../src/runtime/bus.js';
import { localPaths } from '../src/runtime/local.js';
import { medianRawFileRows } from './consumer-kafka.js';
import { type BenchOptions, type Figure, figure } from './lib/figure.js';

export async function run(options: BenchOptions): Promise<Figure[]> {
  const config = loadConfig({
    REALTY_DATA_DIR: path.join(options.workDir, 'npm-start'),
    REALTY_LOG_LEVEL: 'warn',
  });
  const summary = await runLocalPipeline(config, { days: 'auto' });
  const rows = await medianRawFileRows(localPaths(config).bucket);
  options.log(
    `raw-file-rows: realty run (defaults) wrote ${summary.written} rows in ${rows.files} raw objects, ` +
      `median ${rows.median} rows (${localTopicSpec(config).partitions} partitions, BatchSize ${config.batchSize})`,
  );
  return [
    figure({
      name: 'raw-file-rows',
      value: rows.median,
      unit: `median rows per raw object after realty run with the defaults (${summary.written} rows, ${rows.files} objects)`,
      baseline: 'target 1,000 rows',
      baselineValue: 1_000,
    }),
  ];
}
