import { parseArgs } from 'node:util';
import { UsageError } from '../../src/errors.js';
import type { BenchSizes } from './figure.js';

/**
 * The benchmarks bench/run.ts knows, in the order it runs them: the short ones first (a run cut short still
 * reports them), the stages using the Kafka broker next to each other (it is started once for them), then
 * those building warehouses: query and trino-query share one (bench/lib/query-warehouse.ts), scale builds the
 * national market when .cache/bench-scale/ has none.
 */
export const BENCH_NAMES = [
  'transform',
  'parquet-encode',
  'bundles',
  'cli-start',
  'raw-file-rows',
  'ingest',
  'kafka-produce',
  'consumer-kafka',
  'libraries',
  'end-to-end',
  'soak',
  'compaction',
  'growth',
  'query',
  'trino-query',
  'scale',
] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export interface BenchArgs {
  sizes: BenchSizes;
  only: BenchName[];
  resultsPath: string;
}

// Each size: its flag, its environment variable (BENCH_*, never REALTY_*: the config refuses unknown REALTY_
// variables) and its default. The defaults aim at the run's 15-minute budget (the bench-total figure), which a
// first run on a machine without .cache/bench-scale/ misses: building the scale market takes longer alone.
const SIZES: Record<keyof BenchSizes, { flag: string; env: string; default: number }> = {
  transformRecords: { flag: 'transform-records', env: 'BENCH_TRANSFORM_RECORDS', default: 10_000 },
  batchRecords: { flag: 'batch-records', env: 'BENCH_BATCH_RECORDS', default: 1_000 },
  ingestListings: { flag: 'ingest-listings', env: 'BENCH_INGEST_LISTINGS', default: 20_000 },
  endToEndListings: { flag: 'end-to-end-listings', env: 'BENCH_END_TO_END_LISTINGS', default: 50_000 },
  queryRows: { flag: 'query-rows', env: 'BENCH_QUERY_ROWS', default: 1_000_000 },
  queryRuns: { flag: 'query-runs', env: 'BENCH_QUERY_RUNS', default: 10 },
  // Compaction's raw input is the small-file worst case (about 2.5 rows a file): 20,000 rows are some 8,000 files.
  compactionRows: { flag: 'compaction-rows', env: 'BENCH_COMPACTION_ROWS', default: 20_000 },
  // The scale stage: 112,000 listings over 100 days are 10.1M history rows (cached under .cache/bench-scale/).
  scaleListings: { flag: 'scale-listings', env: 'BENCH_SCALE_LISTINGS', default: 112_000 },
  scaleDays: { flag: 'scale-days', env: 'BENCH_SCALE_DAYS', default: 100 },
  growthListings: { flag: 'growth-listings', env: 'BENCH_GROWTH_LISTINGS', default: 20_000 },
  kafkaRecords: { flag: 'kafka-records', env: 'BENCH_KAFKA_RECORDS', default: 200_000 },
  consumerRecords: { flag: 'consumer-records', env: 'BENCH_CONSUMER_RECORDS', default: 200_000 },
  // Inside `npm run bench` the soak is a minute (bench/soak.ts alone soaks 5).
  soakSeconds: { flag: 'soak-seconds', env: 'BENCH_SOAK_SECONDS', default: 60 },
};

/** Usage text of `npm run bench -- --help`. */
export function benchUsage(): string {
  const sizes = Object.values(SIZES).map((s) => `  --${s.flag} N   (${s.env}, default ${s.default})`);
  return [
    'npm run bench -- [--only name,...] [--results FILE] [sizes]',
    `benchmarks: ${BENCH_NAMES.join(', ')}`,
    'sizes (flag, environment variable, default):',
    ...sizes,
  ].join('\n');
}

/** Reads sizes and switches from argv and the environment (flags win); throws UsageError naming a bad one. */
export function parseBenchArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchArgs {
  const options = Object.fromEntries(Object.values(SIZES).map((s) => [s.flag, { type: 'string' as const }]));
  const { values } = parseArgs({
    args: [...argv],
    options: { ...options, only: { type: 'string' }, results: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) throw new UsageError(benchUsage());
  const given = values as Record<string, string | boolean | undefined>;
  const sizes = {} as BenchSizes;
  for (const [key, spec] of Object.entries(SIZES) as [keyof BenchSizes, (typeof SIZES)[keyof BenchSizes]][]) {
    const raw = (given[spec.flag] as string | undefined) ?? env[spec.env];
    sizes[key] =
      raw === undefined || raw === '' ? spec.default : wholeNumber(raw, `--${spec.flag} (${spec.env})`);
  }
  return {
    sizes,
    only: parseOnly(values.only as string | undefined),
    resultsPath: (values.results as string | undefined) ?? 'bench/results.json',
  };
}

function wholeNumber(raw: string, where: string): number {
  const value = Number(raw.replaceAll('_', ''));
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new UsageError(`${where} must be a whole number above 0, got ${JSON.stringify(raw)}`);
}

function parseOnly(raw: string | undefined): BenchName[] {
  if (raw === undefined || raw.trim() === '') return [...BENCH_NAMES];
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(BENCH_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(
        `--only names an unknown benchmark ${JSON.stringify(name)}; use some of: ${BENCH_NAMES.join(', ')}`,
      );
    }
  }
  return names as BenchName[];
}
