import { randomUUID } from 'node:crypto';
import type { RealtyConfig } from '../config.js';
import { parseSearchAreas, searchAreaLabel } from '../domain/search-area.js';
import { ConfigError } from '../errors.js';
import { type IngestSummary, ingestListings } from '../pipeline/ingest-listings.js';
import { ensureRawTable } from '../pipeline/raw-table.js';
import { systemClock } from '../ports/clock.js';
import type { ListingSource, SearchArea } from '../ports/listing-source.js';
import { catalogFor, storeFor } from '../runtime/assemble.js';
import { type Bus, localTopicSpec, openBus } from '../runtime/bus.js';
import { listingSourceFor } from '../runtime/handler-deps.js';
import { openTableDrain } from './drain-to-tables.js';
import type { EsmStats } from './esm-stats.js';
import { applyFaults, type FaultReport, type FaultSession } from './faults/apply-faults.js';
import { NO_FAULT_SPEC } from './faults/fault-spec.js';
import { planMarketDays } from './market-plan.js';
import { marketClock, readMarketState, writeMarketState } from './market-state.js';
import { type SandboxStats, startSandbox } from './sandbox/sandbox.js';

export type RunProgress = { stage: 'ingest' | 'transform'; done: number; total: number | null };

export interface RunSummary {
  runId: string;
  bus: string;
  marketDates: string[];
  /** Market days of this run dated after today: only when --days asked to simulate ahead of the calendar. */
  daysAfterToday: number;
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
  /** What the injected faults did (`realty run --faults`); null on a run without faults. */
  faults: RunFaults | null;
  durationMs: number;
}

/** The session's report plus the faults the sandbox served itself (5xx, resets, bad bodies, drift). */
export type RunFaults = FaultReport & { sandbox: Pick<SandboxStats, 'faults' | 'drifted'> | null };

export interface RunOptions {
  /** Market days to ingest (default 1); 'auto' is the CLI's default: the sandbox market backfilled through today (planMarketDays). */
  days?: number | 'auto' | undefined;
  onProgress?: (progress: RunProgress) => void;
  /** Faults to inject (applyFaults of a parsed --faults spec); none by default. */
  faults?: FaultSession;
}

/** `realty run`: ingest from the sandbox (or a configured API) into the bus, then drain it through the transform. */
export async function runLocalPipeline(config: RealtyConfig, options: RunOptions = {}): Promise<RunSummary> {
  const startedAt = Date.now();
  const session = options.faults ?? applyFaults(NO_FAULT_SPEC, { seed: config.seed });
  await ensureRawTable(catalogFor(config), config.database);
  const bus = await openBus(config);
  try {
    const runId = randomUUID();
    const drain = openTableDrain(config, bus, {
      session,
      onProgress: (done) => options.onProgress?.({ stage: 'transform', done, total: null }),
    });
    let ingested: Awaited<ReturnType<typeof ingestDays>>;
    try {
      // Each market day is drained before the next is ingested, as the deployed trigger drains a day's burst
      // long before the next day's schedule: a raw object then holds one day of a partition, not the tail of
      // one batch cut by a day boundary (docs/raw-layout.md).
      ingested = await ingestDays(config, bus, runId, session, options, () => drain.drain());
      await drain.drain();
    } finally {
      await drain.close();
    }
    const { sandbox, ...ingest } = ingested;
    const tally = drain.tally;
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
      faults: options.faults ? { ...session.report(), sandbox } : null,
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
  session: FaultSession,
  options: RunOptions,
  betweenDays: () => Promise<void>,
) {
  const store = storeFor(config);
  const producer = session.wrapProducer(bus.producer());
  await producer.ensureTopic(localTopicSpec(config));
  const plan = planMarketDays(await readMarketState(store), {
    requested: options.days === 'auto' ? undefined : (options.days ?? 1),
    simulated: !config.apiUrl,
    today: new Date().toISOString().slice(0, 10),
    listings: config.listings,
    seed: config.seed,
  });
  const market = plan.state;
  const sandbox = config.apiUrl
    ? undefined
    : await startSandbox({
        listings: config.listings,
        seed: config.seed,
        startDate: market.startDate,
        ...session.sandboxOptions,
      });
  // The 429/timeout proxy stands in front of the sandbox only: faults are never aimed at a real API.
  const api = sandbox ? await session.wrapApi(sandbox.url) : undefined;
  const totals = { fetched: 0, produced: 0, requests: 0, retries: 0, rateLimited: 0 };
  const failedAreas: IngestSummary['failedAreas'] = [];
  const marketDates: string[] = [];
  try {
    for (let i = 0; i < plan.days; i += 1) {
      if (i > 0) await betweenDays();
      const day = market.daysRun;
      sandbox?.advanceDays(i === 0 ? day : 1);
      const clock = sandbox ? marketClock(market, day, systemClock) : systemClock;
      marketDates.push(new Date(clock()).toISOString().slice(0, 10));
      const { source, areas } = sourceFor(config, sandbox && api && { ...sandbox, url: api.url }, clock);
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
      // A day with failed areas is not done: the market stays on it, so the next run fetches it again
      // (the records it did produce are not lost, and the curated tables drop the copies by event id).
      if (summary.failedAreas.length > 0) break;
      market.daysRun += 1;
      await writeMarketState(store, market);
    }
  } finally {
    await api?.close();
    await sandbox?.close();
    await producer.close();
  }
  const faulted = sandbox?.stats();
  return {
    ...totals,
    failedAreas,
    marketDates,
    daysAfterToday: plan.daysAfterToday,
    sandbox: faulted ? { faults: faulted.faults, drifted: faulted.drifted } : null,
  };
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
  const source = listingSourceFor(
    config,
    { baseUrl: sandbox?.url ?? config.apiUrl!, apiKey, host: sandbox?.host ?? config.apiHost },
    clock,
  );
  return { source, areas };
}
