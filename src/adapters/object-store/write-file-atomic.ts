import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { TEMP_MARKER } from './object-key.js';

// A concurrent delete may prune the directory between mkdir and open; try again a few times.
const MAX_ATTEMPTS = 3;

/** True when `error` is a Node system error with one of `codes`. */
export function isCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}

/** Flushes a directory so a rename inside it survives a crash (POSIX: the entry lives in the directory). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeTemp(tempPath: string, body: Uint8Array): Promise<void> {
  const handle = await open(tempPath, 'wx');
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `filePath` with `body` atomically: write a temp file in the same directory, fsync, rename.
 * Readers see the old file or the whole new one; of concurrent writers, one whole body wins.
 */
export async function writeFileAtomic(filePath: string, body: Uint8Array): Promise<void> {
  const dir = path.dirname(filePath);
  const tempPath = path.join(dir, `${TEMP_MARKER}${process.pid}-${randomUUID()}`);
  for (let attempt = 1; ; attempt += 1) {
    await mkdir(dir, { recursive: true });
    try {
      await writeTemp(tempPath, body);
      break;
    } catch (error) {
      // Best-effort cleanup of our own temp file; the write error is what the caller needs.
      await unlink(tempPath).catch(() => undefined);
      if (!isCode(error, 'ENOENT') || attempt === MAX_ATTEMPTS) throw error;
    }
  }
  try {
    await rename(tempPath, filePath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}
