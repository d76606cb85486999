/**
 * The soak's moving parts: a sandbox behind the fault proxy ingested once per cycle (one market day per
 * cycle), and the transform following the log all along through a faulty store and a consumer killer.
 * Everything listens on 127.0.0.1. Per record it notes when its page was fetched and when its raw object
 * was written and registered (queryable), on the wall clock.
 */
import { randomUUID } from 'node:crypto';
import { createRealtorApiSource } from '../src/adapters/listing-source/realtor-api.js';
import type { RealtyConfig } from '../src/config.js';
import { searchAreaLabel } from '../src/domain/search-area.js';
import { type ApiFaultProxy, startApiFaultProxy } from '../src/local/faults/api-fault-proxy.js';
import { createConsumerKiller } from '../src/local/faults/consumer-kills.js';
import type { FaultSpec } from '../src/local/faults/fault-spec.js';
import { withPoison } from '../src/local/faults/poison-producer.js';
import { withStoreFaults } from '../src/local/faults/store-faults.js';
import { type Sandbox, startSandbox } from '../src/local/sandbox/sandbox.js';
import { createRng } from '../src/local/sandbox/seeded-random.js';
import { ingestListings } from '../src/pipeline/ingest-listings.js';
import { ensureRawTable } from '../src/pipeline/raw-table.js';
import type { EventProducer } from '../src/ports/event-bus.js';
import { catalogFor, storeFor } from '../src/runtime/assemble.js';
import { localTopicSpec, openBus } from '../src/runtime/bus.js';
import { caughtUp, follow } from './soak-transform.js';

const DAY_MS = 86_400_000;

export interface SoakParts {
  /** Base run id: cycle k logs its ingest as `<runId>-d<k>`, so one reconcile covers the soak. */
  runId: string;
  /** Runs one ingest cycle (the next market day); resolves with the listings it fetched. */
  cycle(day: number): Promise<number>;
  /** End-to-end latency of every record written so far, ms. */
  latenciesMs: number[];
  /** Waits until the transform has committed everything produced, then stops it. */
  finish(deadlineMs: number): Promise<void>;
  faults(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Starts the sandbox, the proxy and the following transform over `config`'s embedded data dir. */
export async function startSoak(
  config: RealtyConfig,
  spec: FaultSpec,
  killsPerMinute: number,
): Promise<SoakParts> {
  const rng = createRng(spec.seed ?? config.seed);
  const random = () => rng.next();
  await ensureRawTable(catalogFor(config), config.database);
  const bus = await openBus(config);
  const producer = withPoison(bus.producer(), { rate: spec.poison, random });
  await producer.ensureTopic(localTopicSpec(config));
  const sandbox = await startSandbox({
    listings: config.listings,
    seed: config.seed,
    faults: {
      serverError: spec.api5xx,
      malformed: spec.malformed,
      truncated: spec.truncated,
      reset: spec.reset,
      schemaDrift: spec.drift,
    },
  });
  const proxy = await startApiFaultProxy({
    target: sandbox.url,
    tooManyRate: spec.api429,
    timeoutRate: spec.timeout,
    random,
  });
  const fetchedAt = new Map<string, number>();
  const latenciesMs: number[] = [];
  // Kills are spread over the soak by a timer rather than planned per life.
  const killer = createConsumerKiller({ kills: 0, random });
  const killTimer = setInterval(() => killer.killAtNextWrite(), 60_000 / Math.max(killsPerMinute, 1e-6));
  killTimer.unref();
  const store = withStoreFaults(killer.guardStore(storeFor(config)), {
    failRate: spec.storeFail,
    slowRate: spec.storeSlow,
    slowMs: spec.storeSlowMs,
    random,
  });
  const stop = new AbortController();
  const following = follow(config, bus, { killer, store, stop, fetchedAt, latenciesMs });
  const runId = `soak-${randomUUID()}`;
  return {
    runId,
    latenciesMs,
    cycle: (day) => ingestCycle(config, { sandbox, proxy, producer, fetchedAt }, `${runId}-d${day}`, day),
    async finish(deadlineMs) {
      clearInterval(killTimer);
      await caughtUp(bus, config, deadlineMs);
      stop.abort();
      await following;
    },
    faults: () => ({
      sandbox: sandbox.stats(),
      api: proxy.stats(),
      store: store.stats(),
      consumerKills: killer.kills(),
      poisoned: producer.poisoned(),
    }),
    async close() {
      clearInterval(killTimer);
      stop.abort();
      await following.catch(() => undefined);
      await proxy.close();
      await sandbox.close();
      await producer.close();
      await bus.close();
    },
  };
}

interface Ingest {
  sandbox: Sandbox;
  proxy: ApiFaultProxy;
  producer: EventProducer;
  fetchedAt: Map<string, number>;
}

async function ingestCycle(config: RealtyConfig, parts: Ingest, runId: string, day: number): Promise<number> {
  parts.sandbox.advanceDays(day === 0 ? 0 : 1);
  const dayStart = Date.parse('2026-01-01T00:00:00Z') + day * DAY_MS;
  const noting: EventProducer = {
    ensureTopic: (spec) => parts.producer.ensureTopic(spec),
    close: async () => undefined,
    async produce(topic, records) {
      const now = performance.now();
      const placed = await parts.producer.produce(topic, records);
      for (const p of placed) parts.fetchedAt.set(`${p.topic}-${p.partition}-${p.offset}`, now);
      return placed;
    },
  };
  const source = createRealtorApiSource({
    baseUrl: parts.proxy.url,
    apiKey: parts.sandbox.apiKey,
    host: parts.sandbox.host,
    timeoutMs: 2_000,
    retry: { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 500 },
  });
  const summary = await ingestListings(
    { runId, areas: parts.sandbox.areas, areaLabel: searchAreaLabel },
    {
      source,
      producer: noting,
      store: storeFor(config),
      topic: config.topic,
      clock: () => dayStart + (Date.now() % DAY_MS),
    },
  );
  return summary.fetched;
}
