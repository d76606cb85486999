import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RealtyConfig } from '../config.js';
import { UsageError } from '../errors.js';

const HOW = 'give a directory with --data-dir or REALTY_DATA_DIR';

/** True when the configuration keeps something (log, bucket, catalog) in the data dir. */
function usesDataDir(config: Pick<RealtyConfig, 'store' | 'catalog' | 'bus'>): boolean {
  return config.store === 'local' || config.catalog === 'local' || config.bus === 'embedded';
}

/**
 * Checks the data dir before a command uses it: a file there, or a directory this user cannot
 * write to (for commands that write), is named as such instead of failing later on a file inside.
 */
export async function checkDataDir(
  config: Pick<RealtyConfig, 'dataDir' | 'store' | 'catalog' | 'bus'>,
  use: 'read' | 'write',
): Promise<void> {
  if (!usesDataDir(config)) return;
  const dir = path.resolve(config.dataDir);
  const found = await stat(dir).catch(() => undefined);
  if (found && !found.isDirectory())
    throw new UsageError(`the data dir ${dir} is a file, not a directory; ${HOW}`);
  if (use === 'read') return;
  if (!found) await createDataDir(dir);
  await access(dir, constants.W_OK | constants.X_OK).catch((error: unknown) => {
    throw new UsageError(`the data dir ${dir} is not writable by this user; ${HOW}, or fix its permissions`, {
      cause: error,
    });
  });
}

async function createDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new UsageError(`the data dir ${dir} cannot be created: a part of its path is a file; ${HOW}`, {
        cause: error,
      });
    }
    throw new UsageError(
      `the data dir ${dir} cannot be created (${code ?? 'error'}): its parent is not writable; ${HOW}`,
      {
        cause: error,
      },
    );
  }
}
