import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { createTransformHandler } from '../../handlers/transform.js';
import { createRealtorApiSource } from '../adapters/listing-source/realtor-api.js';
import { encoderByName } from '../adapters/parquet/encoder-by-name.js';
import type { RealtyConfig } from '../config.js';
import { parseEsmSettings } from '../domain/esm-settings.js';
import { parseSearchAreas, searchAreaLabel } from '../domain/search-area.js';
import { ConfigError } from '../errors.js';
import { type IngestSummary, ingestListings } from '../pipeline/ingest-listings.js';
import { ensureRawTable } from '../pipeline/raw-table.js';
import type { TransformOutcome } from '../pipeline/transform-batch.js';
import { systemClock } from '../ports/clock.js';
import type { ListingSource, SearchArea } from '../ports/listing-source.js';
import { catalogFor, storeFor } from '../runtime/assemble.js';
import { type Bus, openBus } from '../runtime/bus.js';
import { loggerFor } from '../runtime/handler-deps.js';
import { type EsmStats, emptyEsmStats } from './esm-stats.js';
import { runEventSourceMapping } from './event-source-mapping.js';
import { marketClock, readMarketState, writeMarketState } from './market-state.js';
import { type OutcomeTally, tallyOutcome } from './outcome-tally.js';
import { startSandbox } from './sandbox/sandbox.js';

export type RunProgress = { stage: 'ingest' | 'transform'; done: number; total: number | null };

export interface RunSummary {
  runId: string;
  bus: string;
  marketDates: string[];
  fetched: number;
  produced: number;
  written: number;
  deadLettered: number;
  invalid: number;
  onFailure: number;
  partitionsAdded: number;
  files: number;
  requests: number;
  retries: number;
  rateLimited: number;
  failedAreas: IngestSummary['failedAreas'];
  esm: EsmStats;
  durationMs: number;
}

/** `realty run`: ingest from the sandbox (or a configured API) into the bus, then drain it through the transform. */
export async function runLocalPipeline(
  config: RealtyConfig,
  options: { days?: number; onProgress?: (progress: RunProgress) => void } = {},
): Promise<RunSummary> {
  const startedAt = Date.now();
  await ensureRawTable(catalogFor(config), config.database);
  const bus = await openBus(config);
  try {
    const runId = randomUUID();
    const ingest = await ingestDays(config, bus, runId, options);
    const tally = await drainToTables(config, bus, options.onProgress);
    return {
      runId,
      bus: config.bus,
      ...ingest,
      written: tally.written.size,
      deadLettered: tally.rejected.size + tally.esm.recordsToOnFailure,
      invalid: tally.rejected.size,
      onFailure: tally.esm.recordsToOnFailure,
      partitionsAdded: tally.partitionsAdded,
      files: tally.objects.size,
      esm: tally.esm,
      durationMs: Date.now() - startedAt,
    };
  } finally {
    await bus.close();
  }
}

async function ingestDays(
  config: RealtyConfig,
  bus: Bus,
  runId: string,
  options: { days?: number; onProgress?: (progress: RunProgress) => void },
) {
  const store = storeFor(config);
  const producer = bus.producer();
  await producer.ensureTopic({
    topic: config.topic,
    partitions: config.topicPartitions,
    replicationFactor: 1,
  });
  const today = new Date().toISOString().slice(0, 10);
  const market = await readMarketState(store, today);
  const sandbox = config.apiUrl
    ? undefined
    : await startSandbox({ listings: config.listings, seed: config.seed, startDate: market.startDate });
  const totals = { fetched: 0, produced: 0, requests: 0, retries: 0, rateLimited: 0 };
  const failedAreas: IngestSummary['failedAreas'] = [];
  const marketDates: string[] = [];
  try {
    for (let i = 0; i < (options.days ?? 1); i += 1) {
      const day = market.daysRun;
      sandbox?.advanceDays(i === 0 ? day : 1);
      const clock = sandbox ? marketClock(market, day, systemClock) : systemClock;
      marketDates.push(new Date(clock()).toISOString().slice(0, 10));
      const { source, areas } = sourceFor(config, sandbox, clock);
      const summary = await ingestListings(
        { runId: `${runId}-d${day}`, areas, areaLabel: searchAreaLabel },
        {
          source,
          producer,
          store,
          topic: config.topic,
          clock,
          onPage: (p) =>
            options.onProgress?.({ stage: 'ingest', done: totals.fetched + p.fetched, total: null }),
        },
      );
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += summary[key];
      failedAreas.push(...summary.failedAreas);
      market.daysRun += 1;
      await writeMarketState(store, market);
    }
  } finally {
    await sandbox?.close();
    await producer.close();
  }
  return { ...totals, failedAreas, marketDates };
}

function sourceFor(
  config: RealtyConfig,
  sandbox: { url: string; apiKey: string; host: string; areas: SearchArea[] } | undefined,
  clock: () => number,
): { source: ListingSource; areas: SearchArea[] } {
  const configured = parseSearchAreas(config.searchAreas);
  const apiKey = sandbox ? sandbox.apiKey : config.apiKey;
  if (!apiKey)
    throw new ConfigError('REALTY_API_KEY is not set; it is needed with --api-url (the sandbox needs none)');
  const areas = configured.length > 0 ? configured : (sandbox?.areas ?? []);
  if (areas.length === 0)
    throw new ConfigError('no search areas: set --areas or REALTY_SEARCH_AREAS when using --api-url');
  const source = createRealtorApiSource({
    baseUrl: sandbox?.url ?? config.apiUrl!,
    apiKey,
    host: sandbox?.host ?? config.apiHost,
    pageSize: config.apiPageSize,
    timeoutMs: config.apiTimeoutMs,
    requestBudget: config.apiRequestBudget,
    clock,
  });
  return { source, areas };
}

async function drainToTables(
  config: RealtyConfig,
  bus: Bus,
  onProgress?: (progress: RunProgress) => void,
): Promise<OutcomeTally> {
  const store = storeFor(config);
  const catalog = catalogFor(config);
  const deps = {
    store,
    catalog,
    encoder: encoderByName(config.parquetEncoder),
    clock: systemClock,
    database: config.database,
  };
  const logger = loggerFor(config);
  const handler = createTransformHandler(
    async () => deps,
    () => logger,
  );
  const tally: OutcomeTally = {
    written: new Set(),
    rejected: new Set(),
    objects: new Set(),
    partitionsAdded: 0,
    esm: emptyEsmStats(),
  };
  const consumer = await bus.consumer({ topic: config.topic, groupId: config.consumerGroup });
  try {
    await runEventSourceMapping({
      consumer,
      source: bus.source,
      mode: 'drain',
      settings: parseEsmSettings({
        BatchSize: config.batchSize,
        MaximumRetryAttempts: config.maxRetryAttempts,
        MaximumRecordAgeInSeconds: config.maxRecordAgeSeconds,
        BisectBatchOnFunctionError: config.bisectOnError,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: `arn:aws:s3:::${config.bucket}` } },
        ...(config.batchWindowSeconds === undefined
          ? {}
          : { MaximumBatchingWindowInSeconds: config.batchWindowSeconds }),
      }),
      onFailure: store,
      stats: tally.esm,
      invoke: async (event) => {
        const outcome = (await handler(event, lambdaContext())) as TransformOutcome;
        tallyOutcome(tally, event, outcome);
        onProgress?.({ stage: 'transform', done: tally.written.size + tally.rejected.size, total: null });
        return outcome;
      },
      onFunctionError: (error) =>
        logger.warn('transform batch failed; it will be retried', { error: String(error) }),
    });
  } finally {
    await consumer.close();
  }
  return tally;
}

function lambdaContext() {
  return {
    functionName: 'realty-transform-local',
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => 900_000,
  } as unknown as Context;
}
