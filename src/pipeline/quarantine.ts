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

/**
 * Checks every Parquet file of the raw and curated tables and moves each damaged one to
 * `quarantine/<its key>`, so the engines read the rest; the moved file is kept, never deleted.
 * The records of a quarantined raw file come back with `realty replay`, curated rows with compaction.
 */
export async function quarantineDamagedFiles(
  deps: QuarantineDeps,
  prefixes: readonly string[] = [RAW_TABLE_PREFIX, CURATED_PREFIX],
): Promise<QuarantinedFile[]> {
  const moved: QuarantinedFile[] = [];
  for (const prefix of prefixes) {
    for await (const object of deps.store.list(prefix)) {
      if (!object.key.endsWith('.parquet')) continue;
      const bytes = await deps.store.get(object.key);
      if (bytes === undefined) continue;
      const reason = deps.damage(bytes);
      if (reason === undefined) continue;
      const movedTo = `${QUARANTINE_PREFIX}${object.key}`;
      await deps.store.put(movedTo, bytes);
      await deps.store.delete([object.key]);
      moved.push({ key: object.key, movedTo, reason });
    }
  }
  return moved;
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
