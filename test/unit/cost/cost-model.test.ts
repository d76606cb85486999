import { describe, expect, it } from 'vitest';
import {
  firehoseCost,
  pipelineCost,
  totalUsd,
  US_EAST_1_PRICES,
  type Workload,
} from '../../../src/cost/cost-model.js';

const workload: Workload = {
  listings: 1_000_000,
  listingBytes: 3000,
  parquetBytesPerListing: 400,
  transformListingsPerSecond: 1000,
  transformMemoryMb: 1024,
  batchSize: 1000,
  objectsPerBatch: 10,
  pageSize: 200,
  ingestSecondsPerPage: 1,
  ingestMemoryMb: 512,
  compactionListingsPerWorkerSecond: 5000,
  glueWorkers: 2,
  athenaQueries: 100,
  athenaScanFraction: 0.5,
};

const line = (lines: ReturnType<typeof pipelineCost>, component: string) =>
  lines.find((l) => l.component === component)!;

describe('cost model', () => {
  it('prices the transform as seconds of work times memory, in GB-s of arm64 Lambda', () => {
    const transform = line(pipelineCost(workload), 'Lambda transform');

    expect(transform.quantity).toBe(1000);
    expect(transform.usd).toBeCloseTo(1000 * 0.0000133334, 10);
  });

  it('prices ingest by API pages waited on, and counts one request per batch and per page', () => {
    const lines = pipelineCost(workload);

    expect(line(lines, 'Lambda ingest').quantity).toBe(5000 * 0.5);
    expect(line(lines, 'Lambda requests').quantity).toBe(1000 + 5000);
  });

  it('prices one S3 PUT per raw object and the compaction in DPU-hours with Glue minimum of a minute', () => {
    const lines = pipelineCost(workload);
    const tiny = pipelineCost({ ...workload, listings: 10 });

    expect(line(lines, 'S3 PUT (raw objects)')).toMatchObject({ quantity: 10_000, usd: 0.05 });
    expect(line(lines, 'Glue compaction').quantity).toBeCloseTo((1_000_000 / 5000 / 2 / 3600) * 2, 10);
    expect(line(tiny, 'Glue compaction').quantity).toBeCloseTo((1 / 60) * 2, 10);
  });

  it('bills Athena at least 10 MB a query, at $5 per TB', () => {
    const small = pipelineCost({ ...workload, listings: 100 });

    expect(line(small, 'Athena scans').quantity).toBeCloseTo((100 * 10 * 1024 * 1024) / 1024 ** 4, 12);
    expect(line(small, 'Athena scans').usd).toBeCloseTo(line(small, 'Athena scans').quantity * 5, 12);
  });

  it('bills Firehose ingestion and conversion in 5 KB increments per record', () => {
    const lines = firehoseCost(workload);
    const billedGb = (1_000_000 * 5 * 1024) / 1024 ** 3;

    expect(lines[0]).toMatchObject({ quantity: billedGb });
    expect(lines[0]!.usd).toBeCloseTo(billedGb * US_EAST_1_PRICES.firehoseIngestGb, 10);
    expect(lines[1]!.usd).toBeCloseTo(billedGb * US_EAST_1_PRICES.firehoseFormatConversionGb, 10);
    expect(firehoseCost({ ...workload, listingBytes: 5121 })[0]!.quantity).toBeCloseTo(billedGb * 2, 10);
  });

  it('adds the lines up', () => {
    expect(
      totalUsd([
        { component: 'a', quantity: 1, unit: 'x', usd: 0.25 },
        { component: 'b', quantity: 1, unit: 'x', usd: 0.5 },
      ]),
    ).toBe(0.75);
  });
});
