/**
 * One line of bench/results.json: a measured value beside the baseline it is judged against,
 * both measured in the same run. `ratio` is always "higher is better": value / baselineValue for
 * rates, baselineValue / value for times and sizes (`lowerIsBetter`).
 */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
}

/** What every benchmark's `run(options)` receives: sizes and where to put scratch files. */
export interface BenchOptions {
  /** Scratch directory the benchmark may fill; bench/run.ts removes it afterwards. */
  workDir: string;
  /** Sizes and switches from the command line / environment, by name (see bench/lib/bench-args.ts). */
  sizes: BenchSizes;
  /** Progress lines for the person watching; never part of the results. */
  log: (line: string) => void;
  /** Services bench/run.ts found: whether each is provisioned, and a running broker's address if it started one. */
  services: { kafka: boolean; spark: boolean; trino: boolean; kafkaBrokers?: string };
}

export interface BenchSizes {
  /** Listings in the transform and encoder corpus. */
  transformRecords: number;
  /** Records per MSK batch the transform benchmark delivers. */
  batchRecords: number;
  /** Listings the ingest benchmark fetches from the sandbox. */
  ingestListings: number;
  /** Size of the sandbox market `realty run` goes through end to end. */
  endToEndListings: number;
  /** Observations behind the query benchmark. */
  queryRows: number;
  /** Observations the compaction benchmark compacts. */
  compactionRows: number;
  /** Timed runs of each query (p50/p95 over these). */
  queryRuns: number;
  /** Listings and days of the scale stage's big market, and listings of its growth market. */
  scaleListings: number;
  scaleDays: number;
  growthListings: number;
  /** Records the Kafka producer benchmark sends. */
  kafkaRecords: number;
  /** Listings the consumer-kafka benchmark drains from a real broker through the trigger and transform. */
  consumerRecords: number;
  /** How long the soak benchmark runs the pipeline. */
  soakSeconds: number;
}

/** The shape every optional benchmark module (kafka-produce, compaction, soak, trino) exports. */
export type BenchModule = { run(options: BenchOptions): Promise<Figure[]> };

/** A figure with its ratio computed; `lowerIsBetter` for times, sizes and memory. */
export function figure(
  fields: Omit<Figure, 'ratio'>,
  direction: 'higherIsBetter' | 'lowerIsBetter' = 'higherIsBetter',
): Figure {
  const { value, baselineValue } = fields;
  const ratio = direction === 'higherIsBetter' ? value / baselineValue : baselineValue / value;
  return { ...fields, ratio: Number.isFinite(ratio) ? round(ratio, 3) : 0 };
}

/** Rounds to `digits` decimals, for figures people read. */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
