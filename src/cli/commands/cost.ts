import { type Command, Option } from 'commander';
import { type CostLine, firehoseCost, pipelineCost, totalUsd, type Workload } from '../../cost/cost-model.js';
import { mskCost } from '../../cost/msk-cost.js';
import { UsageError } from '../../errors.js';
import { writeOut } from '../output.js';

/**
 * The workload behind `realty cost`. Measured on this project's 2-core test machine under load (so Lambda's
 * arm64 should do at least as well): transform 950 listings/s at 1024 MB, sandbox listings 2,931 bytes of JSON.
 * Assumed, and flagged as such in docs/deploy.md: Parquet size after compaction, API latency, Glue rate.
 */
export const DEFAULT_WORKLOAD: Workload = {
  listings: 1_000_000,
  listingBytes: 2931,
  parquetBytesPerListing: 400,
  transformListingsPerSecond: 950,
  transformMemoryMb: 1024,
  batchSize: 1000,
  objectsPerBatch: 10,
  pageSize: 200,
  ingestSecondsPerPage: 1,
  ingestMemoryMb: 1024,
  compactionListingsPerWorkerSecond: 5000,
  glueWorkers: 2,
  athenaQueries: 1000,
  athenaScanFraction: 0.1,
};

/** The MSK side of the default workload: a national market (DESIGN: about 1.5 million listings a day). */
export const DEFAULT_MSK = { listingsPerDay: 1_500_000, topicPartitions: 6, retentionDays: 7 };

function formatTable(title: string, lines: readonly CostLine[]): string {
  const rows = lines.map((l) => [
    l.component,
    l.quantity.toLocaleString('en-US', { maximumFractionDigits: 3 }),
    l.unit,
    `$${l.usd.toFixed(4)}`,
  ]);
  rows.push(['total', '', '', `$${totalUsd(lines).toFixed(4)}`]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)} ${r[2]!.padEnd(widths[2]!)}  ${r[3]!.padStart(widths[3]!)}`;
  return [title, ...rows.map(line)].join('\n');
}

function parseListings(text: string): number {
  const value = Number(text.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isSafeInteger(value) || value < 1)
    throw new UsageError(`--listings ${JSON.stringify(text)} is not a positive whole number, e.g. 1000000`);
  return value;
}

/** `realty cost`: the AWS cost of processing N listings (default a million), line by line, beside Firehose's. */
export function registerCost(program: Command): void {
  program
    .command('cost')
    .description(
      'Estimate the AWS cost per million listings (Lambda, S3, Glue, Athena) and compare with Firehose',
    )
    .addOption(new Option('--listings <count>', 'listings to price').default('1000000'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (options: { listings: string; format: 'table' | 'json' }) => {
      const workload = { ...DEFAULT_WORKLOAD, listings: parseListings(options.listings) };
      const pipeline = pipelineCost(workload);
      const firehose = firehoseCost(workload);
      const msk = mskCost({
        ...DEFAULT_MSK,
        listings: workload.listings,
        listingBytes: workload.listingBytes,
      });
      if (options.format === 'json') {
        await writeOut(
          JSON.stringify(
            {
              workload,
              pipeline,
              pipelineUsd: totalUsd(pipeline),
              firehose,
              firehoseUsd: totalUsd(firehose),
              msk,
              mskUsd: totalUsd(msk),
            },
            null,
            2,
          ),
        );
        return;
      }
      const n = workload.listings.toLocaleString('en-US');
      // Like for like: what carries JSON and turns it into partitioned Parquet on S3 here (MSK, the
      // transform, its requests and PUTs) against Firehose, which does both.
      const conversion = totalUsd(
        pipeline.filter((l) => /^(Lambda transform|Lambda requests|S3 PUT)/.test(l.component)),
      );
      const perDay = DEFAULT_MSK.listingsPerDay.toLocaleString('en-US');
      await writeOut(
        [
          formatTable(`This pipeline, ${n} listings (us-east-1 list prices; MSK below):`, pipeline),
          '',
          formatTable(
            `MSK Serverless, the share of a cluster running all day for ${perDay} listings a day:`,
            msk,
          ),
          '',
          formatTable(
            `Firehose JSON to partitioned Parquet, same ${n} listings (still needs compaction):`,
            firehose,
          ),
          '',
          `JSON to partitioned Parquet: $${(conversion + totalUsd(msk)).toFixed(4)} here (MSK $${totalUsd(msk).toFixed(4)}; transform, requests, PUTs $${conversion.toFixed(4)}) vs $${totalUsd(firehose).toFixed(4)} with Firehose.`,
        ].join('\n'),
      );
    });
}
