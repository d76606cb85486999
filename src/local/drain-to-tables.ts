import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Context } from 'aws-lambda';
import { createTransformHandler } from '../../handlers/transform.js';
import type { RealtyConfig } from '../config.js';
import { parseEsmSettings } from '../msk/esm-settings.js';
import { buildByteBackedMskEvent } from '../msk/msk-event.js';
import type { MskRecord } from '../msk/msk-event-types.js';
import type { TransformOutcome } from '../pipeline/transform-batch.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import { storeFor } from '../runtime/assemble.js';
import type { Bus } from '../runtime/bus.js';
import { loggerFor, transformPortsFor } from '../runtime/handler-deps.js';
import { emptyEsmStats } from './esm-stats.js';
import type { EventSourceMappingOptions } from './event-source-mapping.js';
import type { FaultSession } from './faults/apply-faults.js';
import { hasFaults } from './faults/fault-spec.js';
import { type OutcomeTally, tallyOutcome } from './outcome-tally.js';
import { startTransformWorkerPool, type TransformWorkerPool } from './transform-worker-pool.js';

type MskRecordPosition = Pick<MskRecord, 'topic' | 'partition' | 'offset'>;

export interface DrainOptions {
  /** The run's faults: the transform's store, the on-failure destination and the mapping go through it. */
  session: FaultSession;
  onProgress?: (done: number) => void;
  /** Faster retries and polls for tests; the trigger's rules stay the same. */
  timing?: Pick<EventSourceMappingOptions, 'retryBackoffMs' | 'idlePollMs'>;
  /** The trigger's batching window; default: the configured one. */
  batchWindowSeconds?: number;
  /** Worker threads running the handler when batches are in flight at once; default: transformThreads(). */
  transformThreads?: number;
}

/** A drain that can run several times over one run (e.g. after each ingested day), tallying into one tally. */
export interface TableDrain {
  /** Drains the topic up to its current end through the transform handler, as the Lambda MSK trigger would. */
  drain(): Promise<void>;
  readonly tally: OutcomeTally;
  /** Stops the transform worker threads. */
  close(): Promise<void>;
}

/** Drains the topic through the transform handler as the Lambda MSK trigger would, tallying what it did. */
export async function drainToTables(
  config: RealtyConfig,
  bus: Bus,
  options: DrainOptions,
): Promise<OutcomeTally> {
  const drain = openTableDrain(config, bus, options);
  try {
    await drain.drain();
  } finally {
    await drain.close();
  }
  return drain.tally;
}

/** The handler (in this thread, or on worker threads: transformThreads) and tally that each drain() of a run shares. */
export function openTableDrain(config: RealtyConfig, bus: Bus, options: DrainOptions): TableDrain {
  const { session } = options;
  const ports = transformPortsFor(config);
  const deps = { ...ports, store: session.wrapTransformStore(ports.store) };
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
  const window = options.batchWindowSeconds ?? config.batchWindowSeconds;
  // Injected faults (store wrappers, consumer kills) are planned for one batch at a time, in this thread; so is
  // REALTY_TRIGGER_CONCURRENCY=0 (0 lanes).
  const configured = triggerLanes(config, availableParallelism());
  const lanes = hasFaults(session.spec) || configured === 0 ? undefined : configured;
  const threads =
    lanes === undefined ? 0 : (options.transformThreads ?? transformThreads(lanes, availableParallelism()));
  // Started at the first drain that needs it (a worker bundle may have to be built first), closed by close().
  let pool: Promise<TransformWorkerPool> | undefined;
  const workers = () => {
    pool ??= startTransformWorkerPool(config, threads);
    return pool;
  };
  const tallied = (records: readonly MskRecordPosition[], outcome: TransformOutcome) => {
    tallyOutcome(tally, records, outcome);
    options.onProgress?.(tally.written.size + tally.rejected.size);
    return outcome;
  };
  const drain = async () => {
    // Before the mapping runs: a pool that cannot start fails the drain, not each batch as a function error.
    const running = threads === 0 ? undefined : await workers();
    await session.runEventSourceMapping({
      openConsumer: () => bus.consumer({ topic: config.topic, groupId: config.consumerGroup }),
      source: bus.source,
      mode: 'drain',
      settings: esmSettingsOf(config, window),
      onFailure: session.wrapOnFailureStore(storeFor(config)),
      stats: tally.esm,
      ...(lanes === undefined ? {} : { concurrency: lanes }),
      ...options.timing,
      invoke: async (event) =>
        tallied(
          Object.values(event.records).flat(),
          (await handler(event, lambdaContext())) as TransformOutcome,
        ),
      // Events over the records' bytes: no value is base64-encoded only for the handler to decode it.
      buildEvent: buildByteBackedMskEvent,
      // On worker threads the event is built there, from the packed bytes (transform-worker-pool.ts).
      ...(running && {
        invokeRecords: async (records: readonly ConsumedRecord[]) =>
          tallied(records, await running.invoke(records, bus.source)),
      }),
      onFunctionError: (error) =>
        logger.warn('transform batch failed; it will be retried', { error: String(error) }),
    });
  };
  return { drain, tally, close: async () => (await pool)?.close() };
}

/**
 * Batches the embedded trigger keeps in flight: the configured count (0: one batch at a time, holding records of
 * any partition, the handler in this thread, as before worker threads), or one per core, at least 2: while one
 * batch waits for its objects to be written, the next is transformed and the poll loop fetches.
 */
export function triggerLanes(config: Pick<RealtyConfig, 'triggerConcurrency'>, cores: number): number {
  return config.triggerConcurrency ?? Math.max(2, cores);
}

/**
 * Transform worker threads for `lanes` batches in flight: one per core beyond two, never more than lanes; none
 * on a machine of 2 cores, where the handler runs in the trigger's thread. There, the trigger's thread, V8's
 * GC helpers and a local broker already share both cores, and a worker thread cost a third more CPU per listing
 * than it saved (packing, a second heap to collect) and finished later (docs/raw-layout.md).
 */
export function transformThreads(lanes: number, cores: number): number {
  return Math.min(lanes, Math.max(0, cores - 2));
}

function lambdaContext() {
  return {
    functionName: 'realty-transform-local',
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => 900_000,
  } as unknown as Context;
}

/**
 * The trigger settings of the embedded run, from the configuration, as the deployed MSK trigger has them;
 * `batchWindowSeconds` overrides the configured batching window (0: no window to wait out).
 */
export function esmSettingsOf(config: RealtyConfig, batchWindowSeconds?: number) {
  return parseEsmSettings({
    BatchSize: config.batchSize,
    MaximumRetryAttempts: config.maxRetryAttempts,
    MaximumRecordAgeInSeconds: config.maxRecordAgeSeconds,
    BisectBatchOnFunctionError: config.bisectOnError,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    DestinationConfig: { OnFailure: { Destination: `arn:aws:s3:::${config.bucket}` } },
    ...(batchWindowSeconds === undefined ? {} : { MaximumBatchingWindowInSeconds: batchWindowSeconds }),
  });
}
