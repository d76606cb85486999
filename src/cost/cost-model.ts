/**
 * What the pipeline costs per million listings, from list prices and measured throughput. Pure arithmetic:
 * the prices and the measurements are arguments, so the model is tested on hand-computed figures.
 */

/** On-demand list prices, us-east-1, USD (AWS pricing pages; check them before quoting a customer). */
export const US_EAST_1_PRICES = {
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1_000_000,
  s3Put: 0.005 / 1000,
  s3Get: 0.0004 / 1000,
  s3StandardGbMonth: 0.023,
  glueDpuHour: 0.44,
  /** Glue 2.0+ bills per second with a 1-minute minimum per run. */
  glueMinimumMinutes: 1,
  athenaTb: 5,
  /** Athena bills at least 10 MB per query. */
  athenaMinimumBytes: 10 * 1024 * 1024,
  firehoseIngestGb: 0.029,
  firehoseFormatConversionGb: 0.018,
  firehoseDynamicPartitioningGb: 0.02,
  firehoseDynamicPartitioningObject: 0.005 / 1000,
  /** Firehose rounds every record up to the next 5 KB for ingestion and format conversion. */
  firehoseRecordIncrementBytes: 5 * 1024,
} as const;
export type Prices = typeof US_EAST_1_PRICES;

export interface Workload {
  listings: number;
  /** Mean raw listing JSON, bytes (measured on the sandbox market: 2,931). */
  listingBytes: number;
  /** Mean Parquet bytes per listing after compaction (Snappy, 47 columns). */
  parquetBytesPerListing: number;
  /** Transform throughput, listings per second at `transformMemoryMb` (measured by `npm run bench`). */
  transformListingsPerSecond: number;
  transformMemoryMb: number;
  batchSize: number;
  /** Raw objects one batch writes: one per topic-partition, dt and state in it. */
  objectsPerBatch: number;
  /** Ingest: results per API page and seconds the function waits per page. */
  pageSize: number;
  ingestSecondsPerPage: number;
  ingestMemoryMb: number;
  /** Compaction throughput of one G.1X worker, listings per second, and workers per run. */
  compactionListingsPerWorkerSecond: number;
  glueWorkers: number;
  /** Analyst queries over the curated data and the share of it each one scans after partition pruning. */
  athenaQueries: number;
  athenaScanFraction: number;
}

export interface CostLine {
  component: string;
  quantity: number;
  unit: string;
  usd: number;
}

const GIB = 1024 ** 3;

function lambdaLines(w: Workload, p: Prices): CostLine[] {
  const transformSeconds = w.listings / w.transformListingsPerSecond;
  const transformGbS = transformSeconds * (w.transformMemoryMb / 1024);
  const pages = Math.ceil(w.listings / w.pageSize);
  const ingestGbS = pages * w.ingestSecondsPerPage * (w.ingestMemoryMb / 1024);
  const invocations = Math.ceil(w.listings / w.batchSize) + pages;
  return [
    {
      component: 'Lambda transform',
      quantity: transformGbS,
      unit: 'GB-s',
      usd: transformGbS * p.lambdaArmGbSecond,
    },
    { component: 'Lambda ingest', quantity: ingestGbS, unit: 'GB-s', usd: ingestGbS * p.lambdaArmGbSecond },
    {
      component: 'Lambda requests',
      quantity: invocations,
      unit: 'requests',
      usd: invocations * p.lambdaRequest,
    },
  ];
}

function storageAndQueryLines(w: Workload, p: Prices): CostLine[] {
  const rawObjects = Math.ceil(w.listings / w.batchSize) * w.objectsPerBatch;
  const curatedGb = (w.listings * w.parquetBytesPerListing) / GIB;
  const dpuHours =
    (Math.max(w.listings / w.compactionListingsPerWorkerSecond / w.glueWorkers / 60, p.glueMinimumMinutes) /
      60) *
    w.glueWorkers;
  const bytesPerQuery = Math.max(curatedGb * GIB * w.athenaScanFraction, p.athenaMinimumBytes);
  const scannedTb = (w.athenaQueries * bytesPerQuery) / 1024 ** 4;
  return [
    { component: 'S3 PUT (raw objects)', quantity: rawObjects, unit: 'requests', usd: rawObjects * p.s3Put },
    {
      component: 'S3 GET (compaction reads)',
      quantity: rawObjects,
      unit: 'requests',
      usd: rawObjects * p.s3Get,
    },
    {
      component: 'S3 storage (curated, a month)',
      quantity: curatedGb,
      unit: 'GB-month',
      usd: curatedGb * p.s3StandardGbMonth,
    },
    { component: 'Glue compaction', quantity: dpuHours, unit: 'DPU-hours', usd: dpuHours * p.glueDpuHour },
    { component: 'Athena scans', quantity: scannedTb, unit: 'TB scanned', usd: scannedTb * p.athenaTb },
  ];
}

/** The pipeline's cost lines for the workload (MSK itself excluded: it is billed per cluster, not per listing). */
export function pipelineCost(w: Workload, p: Prices = US_EAST_1_PRICES): CostLine[] {
  return [...lambdaLines(w, p), ...storageAndQueryLines(w, p)];
}

/** What Firehose would charge to turn the same listings into partitioned Parquet (before any compaction). */
export function firehoseCost(
  w: Workload,
  p: Prices = US_EAST_1_PRICES,
  objectsDelivered = (w.listings / w.batchSize) * w.objectsPerBatch,
): CostLine[] {
  const billedGb =
    (w.listings *
      Math.ceil(w.listingBytes / p.firehoseRecordIncrementBytes) *
      p.firehoseRecordIncrementBytes) /
    GIB;
  const actualGb = (w.listings * w.listingBytes) / GIB;
  return [
    {
      component: 'Firehose ingestion (5 KB increments)',
      quantity: billedGb,
      unit: 'GB',
      usd: billedGb * p.firehoseIngestGb,
    },
    {
      component: 'Firehose JSON to Parquet',
      quantity: billedGb,
      unit: 'GB',
      usd: billedGb * p.firehoseFormatConversionGb,
    },
    {
      component: 'Firehose dynamic partitioning',
      quantity: actualGb,
      unit: 'GB',
      usd: actualGb * p.firehoseDynamicPartitioningGb,
    },
    {
      component: 'Firehose partitioned objects',
      quantity: objectsDelivered,
      unit: 'objects',
      usd: objectsDelivered * p.firehoseDynamicPartitioningObject,
    },
  ];
}

/** The sum of the lines, USD. */
export function totalUsd(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.usd, 0);
}
