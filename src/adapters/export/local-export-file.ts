import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../errors.js';

/** A file being exported: the engine writes `writePath`; `commit` puts it at the asked path, `abort` removes it. */
export interface ExportFile {
  writePath: string;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Prepares an export to the local file `outPath`: its directory must exist and be writable, and the path
 * must not be a directory. The engine writes a hidden file next to it, renamed over `outPath` once whole,
 * so a failed export leaves no half-written file and an earlier file of that name stays until then.
 */
export async function prepareExportFile(outPath: string): Promise<ExportFile> {
  const target = path.resolve(outPath);
  const dir = path.dirname(target);
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UsageError(
      `--out ${outPath}: directory ${dir} does not exist or is not writable; create it or pick another path`,
    );
  }
  if (await isDirectory(target)) {
    throw new UsageError(
      `--out ${outPath} is a directory: give a file path, e.g. ${path.join(outPath, 'listings.parquet')}`,
    );
  }
  const writePath = path.join(dir, `.${path.basename(target)}.${randomUUID()}.tmp`);
  return {
    writePath,
    commit: () => rename(writePath, target),
    abort: () => rm(writePath, { force: true }),
  };
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}
