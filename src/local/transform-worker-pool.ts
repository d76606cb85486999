import { Worker } from 'node:worker_threads';
import type { RealtyConfig } from '../config.js';
import type { MskEventSource } from '../msk/msk-event.js';
import type { TransformOutcome } from '../pipeline/transform-batch.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import { type PackedRecords, packRecords, transferablesOf } from './packed-records.js';
import { bundledWorkerUrl } from './worker-bundle.js';

/** An invocation handed to a worker thread: the batch's records, packed; the worker builds the MSK event. */
export interface WorkerRequest {
  id: number;
  source: MskEventSource;
  records: PackedRecords;
}

/** A worker's answer: the handler's outcome, or the message of what it threw. */
export type WorkerReply =
  | { id: number; outcome: TransformOutcome }
  | { id: number; error: { name: string; message: string } };

/** Transform handlers on worker threads: invoke() runs one batch on the least busy one. */
export interface TransformWorkerPool {
  /** Builds the MSK event of `records` on a worker (buildMskEvent) and runs the handler on it there. */
  invoke(records: readonly ConsumedRecord[], source: MskEventSource): Promise<TransformOutcome>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

// Source runs through tsx, bin/realty.js's bundle (which keeps source URLs) or vitest: the worker then starts from an
// esbuild bundle of transform-worker.ts (worker-bundle.ts), not through tsx compiling it again in every thread.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./transform-worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);

/**
 * Starts `size` worker threads, each with the transform handler over `config`'s store and catalog. A batch
 * travels as its records' bytes, transferred (not copied) to the worker, which builds the event itself: the
 * trigger's thread only fetches and packs, and the 6 MB event is never built there nor cloned across.
 */
export async function startTransformWorkerPool(
  config: RealtyConfig,
  size: number,
): Promise<TransformWorkerPool> {
  const pending = new Map<number, { resolve: (o: TransformOutcome) => void; reject: (e: Error) => void }>();
  const execArgv = workerExecArgv(process.execArgv);
  const url = FROM_SOURCE ? await bundledWorkerUrl(WORKER_URL) : WORKER_URL;
  const slots: Slot[] = Array.from({ length: size }, () => {
    const worker = new Worker(url, {
      workerData: config,
      execArgv,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
    });
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
    invoke(records, source) {
      const slot = slots.reduce((best, s) => (s.inFlight < best.inFlight ? s : best));
      const id = nextId++;
      slot.inFlight += 1;
      const packed = packRecords(records);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: WorkerRequest = { id, source, records: packed };
        slot.worker.postMessage(request, transferablesOf(packed));
      });
    },
    async close() {
      // Asked to stop, a worker leaves once its event loop is empty (its profile, with --cpu-prof, is then
      // written); one that does not within the grace period is terminated.
      await Promise.all(slots.map((slot) => stopWorker(slot.worker)));
    },
  };
}

// A worker transforms one 6 MB batch at a time (about 94 MB of RSS for a whole process doing it: transform-peak-rss).
// Uncapped, V8 let each worker's old generation grow to what the machine allows before collecting, and the trigger
// process peaked at 706-723 MB; capped at 192 MB it peaked at 547-564 MB in the same drain, at the same speed.
const WORKER_OLD_GENERATION_MB = 192;

// Flags a worker takes from its parent: module loaders but tsx's (the worker is JavaScript, built or bundled) and CPU
// profiling. Others may be process-wide ones a Worker refuses (ERR_WORKER_INVALID_EXEC_ARGV), so they stay with the
// parent.
const LOADER_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);
const VALUE_FLAGS = new Set([...LOADER_FLAGS, '--cpu-prof-dir', '--cpu-prof-name', '--cpu-prof-interval']);

/** The parent's loader flags but tsx's, and its --cpu-prof flags. */
export function workerExecArgv(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i] as string;
    const name = arg.split('=')[0] as string;
    const wanted = LOADER_FLAGS.has(name) || name.startsWith('--cpu-prof');
    const taken = VALUE_FLAGS.has(arg) && i + 1 < parent.length ? [arg, parent[++i] as string] : [arg];
    if (wanted && !taken.some((part) => TSX_LOADER.test(part))) kept.push(...taken);
  }
  return kept;
}

// tsx's loader however it is named: `tsx`, `--import=tsx/esm`, a path into node_modules/tsx/.
const TSX_LOADER = /(^|[/\\=@])tsx([/\\]|$)/;

const STOP_GRACE_MS = 2_000;

async function stopWorker(worker: Worker): Promise<void> {
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.postMessage(STOP);
  const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** The message that asks a worker to stop taking invocations. */
export const STOP = 'stop';
