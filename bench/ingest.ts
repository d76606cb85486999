/**
 * ingest: sandbox page fetch → produce, listings/s, to the embedded log and (when bench/run.ts started a broker)
 * to Kafka, against the rate the same sandbox serves the same listings to the client with nothing produced.
 */
import path from 'node:path';
import { openEmbeddedLog } from '../src/adapters/event-bus/embedded-log.js';
import { createRealtorApiSource } from '../src/adapters/listing-source/realtor-api.js';
import { createLocalDirStore } from '../src/adapters/object-store/local-dir.js';
import { searchAreaLabel } from '../src/domain/search-area.js';
import { startSandbox } from '../src/local/sandbox/sandbox.js';
import { ingestListings } from '../src/pipeline/ingest-listings.js';
import type { EventProducer } from '../src/ports/event-bus.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { perSecond, sample } from './lib/timing.js';

const TOPIC = 'realty.listings.v1';
const PARTITIONS = 6;
const FETCH_ONLY = 'sandbox fetch only (no produce)';

/** Listings/s of each path, one fresh sandbox of the same seed per run, so every run sees the same market. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const market = options.sizes.ingestListings;
  const fetch = await timedRun(market, async (sandbox) => fetchOnly(sandbox));
  options.log(`ingest: fetch only ${fetch.listings} listings at ${Math.round(fetch.rate)}/s (wall)`);
  const figures: Figure[] = [];
  const embedded = await timedRun(market, async (sandbox, runId) => {
    const log = await openEmbeddedLog({ dir: path.join(options.workDir, `log-${runId}`) });
    try {
      return await produceAll(sandbox, log.producer(), options.workDir, runId);
    } finally {
      await log.close();
    }
  });
  figures.push(ingestFigure('ingest-embedded', embedded.rate, fetch.rate));
  options.log(`  embedded log: ${embedded.listings} listings at ${Math.round(embedded.rate)}/s`);
  const brokers = options.services.kafkaBrokers;
  if (brokers === undefined) {
    options.log(
      '  Kafka half skipped: no broker (Kafka is not provisioned: bash scripts/kafka.sh provision)',
    );
    return figures;
  }
  // Loaded only when a broker is there: the Kafka client is large.
  const { createKafkaBus } = await import('../src/adapters/event-bus/kafka-bus.js');
  const kafka = await timedRun(market, async (sandbox, runId) =>
    produceAll(sandbox, createKafkaBus({ brokers: [brokers] }).producer(), options.workDir, runId),
  );
  figures.push(ingestFigure('ingest-kafka', kafka.rate, fetch.rate));
  options.log(`  Kafka (${brokers}): ${kafka.listings} listings at ${Math.round(kafka.rate)}/s`);
  return figures;
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let runs = 0;

/** Wall-clock listings/s of `body` over a fresh sandbox market of `listings` homes (start-up not counted). */
async function timedRun(
  listings: number,
  body: (sandbox: Sandbox, runId: string) => Promise<number>,
): Promise<{ listings: number; rate: number }> {
  const sandbox = await startSandbox({ listings, rateLimitPerSecond: 0, seed: 42 });
  try {
    let count = 0;
    const taken = await sample(async () => {
      count = await body(sandbox, `bench-${++runs}`);
    });
    return { listings: count, rate: perSecond(count, taken.wallMs) };
  } finally {
    await sandbox.close();
  }
}

function sourceOf(sandbox: Sandbox) {
  return createRealtorApiSource({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, host: sandbox.host });
}

async function fetchOnly(sandbox: Sandbox): Promise<number> {
  const source = sourceOf(sandbox);
  let count = 0;
  for (const area of sandbox.areas) for await (const page of source.pages(area)) count += page.results.length;
  return count;
}

/** The ingest use-case exactly as the Lambda runs it: every area, every page, produced as it arrives. */
async function produceAll(
  sandbox: Sandbox,
  producer: EventProducer,
  workDir: string,
  runId: string,
): Promise<number> {
  await producer.ensureTopic({ topic: TOPIC, partitions: PARTITIONS, replicationFactor: 1 });
  try {
    const summary = await ingestListings(
      { runId, areas: sandbox.areas, areaLabel: searchAreaLabel },
      {
        source: sourceOf(sandbox),
        producer,
        store: createLocalDirStore({ root: path.join(workDir, `bucket-${runId}`) }),
        topic: TOPIC,
        clock: Date.now,
      },
    );
    if (summary.produced !== summary.fetched) {
      throw new Error(`ingest produced ${summary.produced} of ${summary.fetched} listings fetched`);
    }
    return summary.produced;
  } finally {
    await producer.close();
  }
}

function ingestFigure(name: string, rate: number, fetchRate: number): Figure {
  return figure({
    name,
    value: round(rate, 0),
    unit: 'listings/s (wall)',
    baseline: FETCH_ONLY,
    baselineValue: round(fetchRate, 0),
  });
}
