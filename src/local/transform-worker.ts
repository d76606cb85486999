import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'aws-lambda';
import { createTransformHandler } from '../../handlers/transform.js';
import type { RealtyConfig } from '../config.js';
import { buildByteBackedMskEvent } from '../msk/msk-event.js';
import type { TransformOutcome } from '../pipeline/transform-batch.js';
import { loggerFor, transformPortsFor } from '../runtime/handler-deps.js';
import { unpackRecords } from './packed-records.js';
import { STOP, type WorkerReply, type WorkerRequest } from './transform-worker-pool.js';

// One transform "container" on a thread of its own: the same handler and deps as drainToTables builds in-process.
const config = workerData as RealtyConfig;
const deps = transformPortsFor(config);
const logger = loggerFor(config);
const handler = createTransformHandler(
  async () => deps,
  () => logger,
);
const context = () =>
  ({
    functionName: 'realty-transform-local',
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => 900_000,
  }) as unknown as Context;

parentPort?.on('message', (request: WorkerRequest | typeof STOP) => {
  if (request === STOP) {
    parentPort?.close();
    return;
  }
  // The event the trigger would have built, byte for byte (serialised), its records reading the bytes as they are.
  const event = buildByteBackedMskEvent(unpackRecords(request.records), request.source);
  handler(event, context()).then(
    (outcome) =>
      parentPort?.postMessage({ id: request.id, outcome: outcome as TransformOutcome } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error:
          error instanceof Error
            ? { name: error.name, message: error.message }
            : { name: 'Error', message: String(error) },
      } satisfies WorkerReply),
  );
});
