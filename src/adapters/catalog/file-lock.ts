import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { lock } from 'proper-lockfile';
import { CatalogError } from '../../errors.js';

export interface FileLockOptions {
  /** A lock whose holder stopped refreshing it for this long is taken over (the holder crashed). */
  staleMs?: number;
  /** Give up waiting for the lock after about this long. */
  waitMs?: number;
}

// Writers in this process queue here first, so they do not spin on the lock directory against each other.
const queues = new Map<string, Promise<unknown>>();

function isLockedError(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ELOCKED';
}

/** Work done under the lock; it calls `assertHeld()` just before committing, to stop if the lock was lost. */
export type LockedWork<T> = (assertHeld: () => void) => Promise<T>;

async function lockedRun<T>(filePath: string, options: FileLockOptions, work: LockedWork<T>): Promise<T> {
  const waitMs = options.waitMs ?? 30_000;
  const maxTimeout = 25;
  let compromised: Error | undefined;
  await mkdir(path.dirname(filePath), { recursive: true });
  // proper-lockfile: mkdir("<file>.lock") is atomic across processes; its mtime is refreshed while held,
  // so a lock left by a crashed process is detected as stale and taken over.
  const release = await lock(filePath, {
    realpath: false,
    stale: options.staleMs ?? 10_000,
    retries: {
      retries: Math.ceil(waitMs / maxTimeout),
      minTimeout: 2,
      maxTimeout,
      factor: 1.5,
      randomize: true,
    },
    onCompromised: (error) => {
      compromised = error;
    },
  }).catch((error: unknown) => {
    if (!isLockedError(error)) throw error;
    throw new CatalogError(
      `catalog file ${filePath} stayed locked for ${waitMs} ms; if no realty process is running, delete ${filePath}.lock`,
      { cause: error },
    );
  });
  const assertHeld = (): void => {
    if (compromised) {
      throw new CatalogError(`lost the lock on ${filePath} before writing; run the operation again`, {
        cause: compromised,
      });
    }
  };
  try {
    return await work(assertHeld);
  } finally {
    // A failed release means the lock was compromised, which assertHeld has already reported.
    await release().catch(() => undefined);
  }
}

/** Runs `work` while holding an exclusive lock on `filePath` shared by every process on this machine. */
export function withFileLock<T>(
  filePath: string,
  work: LockedWork<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const key = path.resolve(filePath);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(() => lockedRun(key, options, work));
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}
