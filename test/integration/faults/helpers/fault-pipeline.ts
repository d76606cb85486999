import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createRealtorApiSource,
  type RealtorApiOptions,
} from '../../../../src/adapters/listing-source/realtor-api.js';
import { loadConfig, type RawSettings, type RealtyConfig } from '../../../../src/config.js';
import { searchAreaLabel } from '../../../../src/domain/search-area.js';
import { drainToTables } from '../../../../src/local/drain-to-tables.js';
import type { EsmStats } from '../../../../src/local/esm-stats.js';
import { applyFaults, type FaultReport } from '../../../../src/local/faults/apply-faults.js';
import { type FaultSpec, NO_FAULT_SPEC } from '../../../../src/local/faults/fault-spec.js';
import {
  type SandboxOptions,
  type SandboxStats,
  startSandbox,
} from '../../../../src/local/sandbox/sandbox.js';
import { type IngestSummary, ingestListings } from '../../../../src/pipeline/ingest-listings.js';
import { ensureRawTable } from '../../../../src/pipeline/raw-table.js';
import type { ReconcileReport } from '../../../../src/pipeline/reconcile.js';
import { systemClock } from '../../../../src/ports/clock.js';
import type { EventProducer } from '../../../../src/ports/event-bus.js';
import type { SearchArea } from '../../../../src/ports/listing-source.js';
import { catalogFor, storeFor } from '../../../../src/runtime/assemble.js';
import { localTopicSpec, openBus } from '../../../../src/runtime/bus.js';
import { compactFromConfig } from '../../../../src/runtime/compaction.js';
import { reconcileWithConfig } from '../../../../src/runtime/reconcile-deps.js';

/** A data dir and the configuration of an embedded run in it. */
export interface FaultWorld {
  dir: string;
  config: RealtyConfig;
  cleanup(): Promise<void>;
}

export async function createFaultWorld(settings: RawSettings = {}): Promise<FaultWorld> {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-faults-'));
  // Batches of 2 (not the default 10,000): faults land on writes, and 150 listings must make enough of them
  // (one raw object per batch of one partition and day: about 75 writes; a kill is planned within 24).
  const config = loadConfig(
    {},
    { dataDir: dir, listings: '150', batchSize: '2', logLevel: 'silent', ...settings },
  );
  return { dir, config, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface FaultRunOptions {
  spec?: FaultSpec;
  /** Sandbox options on top of the spec's (rate limit, Retry-After style...). */
  sandbox?: SandboxOptions;
  /** Client options on top of the test defaults (short timeouts, quick retries). */
  client?: Partial<RealtorApiOptions>;
  /** Another API than the sandbox: its URL, key and areas. */
  api?: { url: string; apiKey: string; areas: SearchArea[] };
  /** Skip the drain (ingest only). */
  ingestOnly?: boolean;
  /** Wraps the producer after the spec's own wrapper, e.g. to spoil chosen records. */
  wrapProducer?: (producer: EventProducer) => EventProducer;
}

export interface FaultRun {
  runId: string;
  ingest: IngestSummary;
  esm: EsmStats | null;
  faults: FaultReport;
  sandbox: SandboxStats | null;
}

// Quick retries keep a fault storm to seconds; the policy's rules (Retry-After, backoff) stay the same.
const TEST_CLIENT: Partial<RealtorApiOptions> = {
  timeoutMs: 2_000,
  retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 200, maxRetryAfterMs: 5_000 },
};

/**
 * One embedded run with faults, built from the pipeline's own parts the way `realty run --faults` assembles
 * them: sandbox (its faults) behind the fault proxy, ingest through a poisoning producer, then the run's own
 * drain (drainToTables) through the consumer killer with a faulty store. The ingest is assembled here, not
 * by runLocalPipeline, because the cases swap the API, the client's timeouts and the producer.
 */
export async function runWithFaults(config: RealtyConfig, options: FaultRunOptions = {}): Promise<FaultRun> {
  const session = applyFaults(options.spec ?? NO_FAULT_SPEC, { seed: config.seed });
  await ensureRawTable(catalogFor(config), config.database);
  const bus = await openBus(config);
  const runId = `${randomUUID()}-d0`;
  try {
    const sandbox = options.api
      ? undefined
      : await startSandbox({
          listings: config.listings,
          seed: config.seed,
          rateLimitPerSecond: 0,
          ...session.sandboxOptions,
          ...options.sandbox,
        });
    const target = options.api ?? { url: sandbox!.url, apiKey: sandbox!.apiKey, areas: sandbox!.areas };
    const api = await session.wrapApi(target.url);
    const producer = (options.wrapProducer ?? ((p) => p))(session.wrapProducer(bus.producer()));
    let ingest: IngestSummary;
    try {
      await producer.ensureTopic(localTopicSpec(config));
      const source = createRealtorApiSource({
        baseUrl: api.url,
        apiKey: target.apiKey,
        ...(sandbox ? { host: sandbox.host } : {}),
        ...TEST_CLIENT,
        ...options.client,
      });
      ingest = await ingestListings(
        { runId, areas: target.areas, areaLabel: searchAreaLabel },
        { source, producer, store: storeFor(config), topic: config.topic, clock: systemClock },
      );
    } finally {
      await api.close();
      await sandbox?.close();
      await producer.close();
    }
    // The drain `realty run` does, faults and all; only its retries and polls are quicker.
    const esm = options.ingestOnly
      ? null
      : (
          await drainToTables(config, bus, {
            session,
            timing: { retryBackoffMs: 5, idlePollMs: 100 },
            batchWindowSeconds: 0,
          })
        ).esm;
    return { runId, ingest, esm, faults: session.report(), sandbox: sandbox?.stats() ?? null };
  } finally {
    await bus.close();
  }
}

/** Compacts what is new, then reconciles the run: the end of every fault case. */
export async function compactAndReconcile(config: RealtyConfig, runId: string): Promise<ReconcileReport> {
  await compactFromConfig(config);
  return reconcileWithConfig(config, { runId });
}
