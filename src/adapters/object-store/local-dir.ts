import type { Dirent } from 'node:fs';
import { readdir, readFile, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { StoreError } from '../../errors.js';
import type { ObjectStore, StoredObject } from '../../ports/object-store.js';
import { assertKeyPrefix, assertObjectKey, compareKeys, TEMP_MARKER } from './object-key.js';
import { isCode, writeFileAtomic } from './write-file-atomic.js';

export interface LocalDirStoreOptions {
  /** Directory that plays the bucket: key `a/b/c.parquet` is the file `<root>/a/b/c.parquet`. */
  root: string;
}

interface ListEntry {
  key: string;
  entry: Dirent;
}

/** An ObjectStore over a local directory laid out like the bucket. */
export function createLocalDirStore(options: LocalDirStoreOptions): ObjectStore {
  if (typeof options.root !== 'string' || options.root.trim() === '') {
    throw new StoreError(
      'local store root is empty; set it to the directory that plays the bucket (REALTY_DATA_DIR)',
    );
  }
  const root = path.resolve(options.root);

  function fileOf(key: unknown): string {
    assertObjectKey(key);
    const file = path.join(root, key);
    // Defence in depth: assertObjectKey already forbids every way out of the root.
    if (!file.startsWith(root + path.sep)) throw new StoreError(`object key ${key} resolves outside ${root}`);
    return file;
  }

  async function* walk(dirKey: string, prefix: string): AsyncGenerator<StoredObject> {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, dirKey), { withFileTypes: true });
    } catch (error) {
      if (isCode(error, 'ENOENT', 'ENOTDIR')) return;
      throw new StoreError(`could not list ${dirKey || '/'} under ${root}`, { cause: error });
    }
    // A directory sorts as its name plus '/', so walking depth-first yields whole keys in S3 key order.
    const items: ListEntry[] = entries
      .filter((entry) => !entry.name.startsWith(TEMP_MARKER) && (entry.isFile() || entry.isDirectory()))
      .map((entry) => ({ key: `${dirKey}${entry.name}${entry.isDirectory() ? '/' : ''}`, entry }))
      .filter(({ key }) => key.startsWith(prefix) || prefix.startsWith(key))
      .sort((a, b) => compareKeys(a.key, b.key));
    for (const { key, entry } of items) {
      if (entry.isDirectory()) {
        yield* walk(key, prefix);
        continue;
      }
      const info = await stat(path.join(root, key)).catch((error: unknown) => {
        if (isCode(error, 'ENOENT')) return undefined; // deleted while we were listing
        throw new StoreError(`could not stat ${key} under ${root}`, { cause: error });
      });
      if (info) yield { key, size: info.size, lastModified: Math.trunc(info.mtimeMs) };
    }
  }

  /** Removes directories left empty by a delete, up to the root (S3 has no directories to keep). */
  async function pruneEmptyParents(file: string): Promise<void> {
    for (let dir = path.dirname(file); dir !== root && dir.startsWith(root); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch (error) {
        if (isCode(error, 'ENOTEMPTY', 'EEXIST', 'ENOENT')) return;
        throw new StoreError(`could not remove the empty directory ${dir}`, { cause: error });
      }
    }
  }

  return {
    // contentType has no place in a plain file; S3 keeps it as object metadata.
    async put(key, body) {
      const file = fileOf(key);
      try {
        await writeFileAtomic(file, body);
      } catch (error) {
        if (isCode(error, 'EISDIR', 'ENOTDIR', 'EEXIST')) {
          throw new StoreError(
            `object key ${key} collides with another key under ${root}: a directory cannot hold both "a/b" and "a/b/..." as objects; choose keys where no key is another's parent`,
            { cause: error },
          );
        }
        throw new StoreError(
          `could not write ${key} under ${root}; check the directory exists and is writable`,
          {
            cause: error,
          },
        );
      }
    },

    async get(key) {
      const file = fileOf(key);
      try {
        const buffer = await readFile(file);
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        if (isCode(error, 'ENOENT', 'ENOTDIR', 'EISDIR')) return undefined;
        throw new StoreError(`could not read ${key} under ${root}`, { cause: error });
      }
    },

    async *list(prefix) {
      assertKeyPrefix(prefix);
      yield* walk(prefix.slice(0, prefix.lastIndexOf('/') + 1), prefix);
    },

    async delete(keys) {
      const files = keys.map(fileOf);
      for (const file of files) {
        try {
          await unlink(file);
        } catch (error) {
          // S3 deletes are idempotent: a key that is not there is already deleted.
          if (isCode(error, 'ENOENT', 'ENOTDIR', 'EISDIR')) continue;
          throw new StoreError(`could not delete ${file}`, { cause: error });
        }
        await pruneEmptyParents(file);
      }
    },

    uri(key) {
      return fileOf(key);
    },
  };
}
