import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { BusError } from '../../../errors.js';
import { readTextIfExists } from './log-files.js';

interface LockOwner {
  pid: number;
  host: string;
  token: string;
}

export interface WriterLock {
  readonly file: string;
  release(): Promise<void>;
}

/**
 * Takes `file` as the one-writer lock of a log: created exclusively, holding the owner's pid.
 * A lock left by a process that no longer runs (killed, crashed) is taken over at once, with no stale timeout.
 */
export async function acquireWriterLock(file: string): Promise<WriterLock> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await tryCreate(file, owner)) return { file, release: () => releaseLock(file, owner.token) };
    const current = parseOwner(await readTextIfExists(file));
    if (current !== undefined && isAlive(current)) throw lockedError(file, current);
    if (current === undefined && (await isFresh(file))) {
      throw new BusError(
        `another process is taking the writer lock ${file} right now; try again in a moment`,
      );
    }
    await removeStale(file, current);
  }
  throw new BusError(`could not take the writer lock ${file}: other processes keep racing for it; try again`);
}

async function tryCreate(file: string, owner: LockOwner): Promise<boolean> {
  try {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(JSON.stringify(owner));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new BusError(`cannot create the writer lock ${file}: check the directory is writable`, {
      cause: error,
    });
  }
}

function parseOwner(text: string | undefined): LockOwner | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token };
    }
  } catch {
    // Half-written by an owner killed while creating it: treated as stale below.
  }
  return undefined;
}

/** An unreadable lock younger than this is probably being written by its new owner. */
const CREATING_GRACE_MS = 2_000;

async function isFresh(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs < CREATING_GRACE_MS;
  } catch {
    return false;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A process on another host (a shared mount) cannot be checked: assume it runs.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves a dead owner's lock aside; puts it back if a live writer replaced it in the meantime. */
async function removeStale(file: string, seen: LockOwner | undefined): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = parseOwner(await readTextIfExists(aside));
  if (moved !== undefined && moved.token !== seen?.token) {
    await rename(aside, file);
    throw lockedError(file, moved);
  }
  await rm(aside, { force: true });
}

async function releaseLock(file: string, token: string): Promise<void> {
  const current = parseOwner(await readTextIfExists(file));
  if (current?.token === token) await rm(file, { force: true });
}

function lockedError(file: string, owner: LockOwner): BusError {
  return new BusError(
    `the event log is already open for writing by process ${owner.pid} on ${owner.host} (lock file ${file}); ` +
      'wait for that run to finish or stop it (realty query, reconcile and report can run meanwhile); ' +
      'if no such process runs, delete the lock file',
  );
}
