import { Worker } from 'node:worker_threads';
import type { RealtyConfig } from '../config.js';
import type { MskEvent } from '../msk/msk-event-types.js';
import type { TransformOutcome } from '../pipeline/transform-batch.js';

/** An invocation handed to a worker thread. */
export interface WorkerRequest {
  id: number;
  event: MskEvent;
}

/** A worker's answer: the handler's outcome, or the message of what it threw. */
export type WorkerReply =
  | { id: number; outcome: TransformOutcome }
  | { id: number; error: { name: string; message: string } };

/** Transform handlers on worker threads: invoke() runs one MSK event on the least busy one. */
export interface TransformWorkerPool {
  invoke(event: MskEvent): Promise<TransformOutcome>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

// Source runs through tsx (npm start, bin/realty.js) or vitest: the worker then needs tsx's loader for its .ts file.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./transform-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);

/** Starts `size` worker threads, each with the transform handler over `config`'s store and catalog. */
export function startTransformWorkerPool(config: RealtyConfig, size: number): TransformWorkerPool {
  const pending = new Map<number, { resolve: (o: TransformOutcome) => void; reject: (e: Error) => void }>();
  const execArgv = FROM_SOURCE ? ['--import', 'tsx'] : [];
  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = new Worker(WORKER_URL, { workerData: config, execArgv });
    const slot = { worker, inFlight: 0 };
    worker.on('message', (reply: WorkerReply) => {
      slot.inFlight -= 1;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      // The handler's own error, thrown again on this side: the trigger treats it as a function error.
      if ('error' in reply)
        waiting?.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
      else waiting?.resolve(reply.outcome);
    });
    worker.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
    return slot;
  });
  let nextId = 0;
  return {
    invoke(event) {
      const slot = slots.reduce((best, s) => (s.inFlight < best.inFlight ? s : best));
      const id = nextId++;
      slot.inFlight += 1;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        slot.worker.postMessage({ id, event } satisfies WorkerRequest);
      });
    },
    async close() {
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
