import type { ObjectStore } from '../ports/object-store.js';
import { RAW_TABLE_PREFIX } from './raw-table.js';

/** Every curated and gold table lives under this prefix. */
const CURATED_PREFIX = 'curated/';

/** Where damaged data files are moved, under their original key. */
export const QUARANTINE_PREFIX = 'quarantine/';

/** A data file moved aside: where it was, where it is, and what was wrong with it. */
export interface QuarantinedFile {
  key: string;
  movedTo: string;
  reason: string;
}

export interface QuarantineDeps {
  store: ObjectStore;
  /** Why the bytes cannot be a readable data file, or undefined when they are (e.g. parquetDamage). */
  damage: (bytes: Uint8Array) => string | undefined;
}

/** The files found whole, by key, with the size and time they had then: an unchanged file is not read again. */
export const CHECKED_FILES_KEY = 'runs/checked-data-files.json';

/**
 * Checks every Parquet file of the raw and curated tables and moves each damaged one to
 * `quarantine/<its key>`, so the engines read the rest; the moved file is kept, never deleted.
 * A file found whole before, with the same size and modification time, is not read again: the check runs
 * before every query, and reading the whole bucket each time would grow with history.
 * The records of a quarantined raw file come back with `realty replay`, curated rows with compaction.
 */
export async function quarantineDamagedFiles(
  deps: QuarantineDeps,
  prefixes: readonly string[] = [RAW_TABLE_PREFIX, CURATED_PREFIX],
): Promise<QuarantinedFile[]> {
  const checkedBefore = await readCheckedFiles(deps.store);
  const checked: Record<string, string> = {};
  const moved: QuarantinedFile[] = [];
  for (const prefix of prefixes) {
    for await (const object of deps.store.list(prefix)) {
      if (!object.key.endsWith('.parquet')) continue;
      const stamp = `${object.size}@${object.lastModified}`;
      if (checkedBefore[object.key] === stamp) {
        checked[object.key] = stamp;
        continue;
      }
      const bytes = await deps.store.get(object.key);
      if (bytes === undefined) continue;
      const reason = deps.damage(bytes);
      if (reason === undefined) {
        checked[object.key] = stamp;
        continue;
      }
      const movedTo = `${QUARANTINE_PREFIX}${object.key}`;
      await deps.store.put(movedTo, bytes);
      await deps.store.delete([object.key]);
      moved.push({ key: object.key, movedTo, reason });
    }
  }
  if (!sameEntries(checkedBefore, checked)) {
    await deps.store.put(CHECKED_FILES_KEY, new TextEncoder().encode(JSON.stringify(checked)), {
      contentType: 'application/json',
    });
  }
  return moved;
}

async function readCheckedFiles(store: ObjectStore): Promise<Record<string, string>> {
  const bytes = await store.get(CHECKED_FILES_KEY);
  if (bytes === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    // A damaged record of checks only costs a full check, which rewrites it.
    return {};
  }
}

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((key) => a[key] === b[key]);
}

/** The files in quarantine, by their original keys. */
export async function quarantinedKeys(store: ObjectStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(QUARANTINE_PREFIX))
    keys.push(object.key.slice(QUARANTINE_PREFIX.length));
  return keys;
}

/** One line a user can act on for a quarantined file. */
export function describeQuarantined(file: QuarantinedFile): string {
  const what = file.key.startsWith(RAW_TABLE_PREFIX)
    ? 'rebuild its records from the event log with `realty replay`'
    : 'rewrite the curated rows from raw with `realty compact --partitions` over its days';
  return `quarantined ${file.key}: ${file.reason}; moved to ${file.movedTo}, queries read the other files; ${what}`;
}
