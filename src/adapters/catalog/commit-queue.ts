import { type CatalogFileData, readCatalogFile, writeCatalogFile } from './catalog-file.js';
import { type FileLockOptions, withFileLock } from './file-lock.js';

/**
 * A change to the catalog data: returns its result and whether it changed anything.
 * It must throw before it mutates `data`, because the changes of one commit share one copy.
 */
export type CatalogChange<T> = (data: CatalogFileData) => { result: T; changed: boolean };

interface Pending {
  change: CatalogChange<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function applyAll(
  data: CatalogFileData,
  batch: readonly Pending[],
): { outcomes: Outcome[]; changed: boolean } {
  let changed = false;
  const outcomes = batch.map((item): Outcome => {
    try {
      const { result, changed: itemChanged } = item.change(data);
      changed ||= itemChanged;
      return { ok: true, value: result };
    } catch (error) {
      return { ok: false, error };
    }
  });
  return { outcomes, changed };
}

/**
 * Serialises read-modify-write cycles on one catalog file. Changes queued while a cycle runs are applied
 * together in the next one (group commit): one lock, one read and one fsynced write for all of them.
 */
export function createCommitQueue(filePath: string, lockOptions: FileLockOptions = {}) {
  const pending: Pending[] = [];
  let flushing = false;

  async function commit(batch: readonly Pending[]): Promise<void> {
    const outcomes = await withFileLock(
      filePath,
      async (assertHeld) => {
        const data = await readCatalogFile(filePath);
        const applied = applyAll(data, batch);
        if (applied.changed) {
          assertHeld();
          await writeCatalogFile(filePath, data);
        }
        return applied.outcomes;
      },
      lockOptions,
    );
    outcomes.forEach((outcome, i) => {
      const item = batch[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0);
        // A failed read, lock or write fails every change of the batch, and none of them was saved.
        await commit(batch).catch((error: unknown) => {
          for (const item of batch) item.reject(error);
        });
      }
    } finally {
      flushing = false;
    }
  }

  /** Queues a change and resolves with its result once the file holding it is written. */
  return function enqueue<T>(change: CatalogChange<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      pending.push({ change, resolve: resolve as (value: unknown) => void, reject });
      void flush();
    });
  };
}
