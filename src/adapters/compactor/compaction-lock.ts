import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { lock } from 'proper-lockfile';
import { CompactionError } from '../../errors.js';

// The holder refreshes the lock every STALE_MS / 2; a lock not refreshed for this long belonged to a dead process.
const STALE_MS = 30_000;

/**
 * Runs `work` as the only compaction on this machine for `lockPath` (two runs would delete each other's
 * files); a second run is refused at once, as the Glue job allows one concurrent run.
 */
export async function withCompactionLock<T>(
  lockPath: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (lockPath === undefined) return work();
  const file = path.resolve(lockPath);
  await mkdir(path.dirname(file), { recursive: true });
  let lost: Error | undefined;
  const release = await lock(file, {
    realpath: false,
    stale: STALE_MS,
    retries: 0,
    onCompromised: (error) => {
      lost = error;
    },
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ELOCKED') throw error;
    throw new CompactionError(
      `another compaction is running (${file}.lock is held); wait for it to finish, or delete ${file}.lock if no realty process is running`,
      { cause: error },
    );
  });
  try {
    const result = await work();
    if (lost)
      throw new CompactionError(`lost the compaction lock ${file}.lock while running; run it again`, {
        cause: lost,
      });
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
