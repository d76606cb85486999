import {
  type CompactionManifest,
  type CompactionSummary,
  LATEST_MANIFEST_KEY,
  parseCompactionManifest,
  summarizeCompaction,
} from '../compaction/compaction-manifest.js';
import { changedPartitions, type ObjectInfo } from '../compaction/compaction-scope.js';
import { type PartitionValues, RAW_LISTINGS_PREFIX } from '../domain/partition-path.js';
import type { Catalog } from '../ports/catalog.js';
import type { Clock } from '../ports/clock.js';
import type { CompactionProgress, Compactor } from '../ports/compactor.js';
import type { ObjectStore } from '../ports/object-store.js';
import { ensureCuratedTables } from './curated-tables.js';

export interface CompactListingsDeps {
  store: ObjectStore;
  catalog: Catalog;
  compactor: Compactor;
  clock: Clock;
}

export interface CompactListingsOptions {
  database: string;
  targetFileBytes: number;
  /** Raw partitions to compact; by default those holding a raw file newer than the last run's watermark. */
  partitions?: readonly PartitionValues[];
  /** Raw files written this long before a run starts are looked at again by the next run (default 5 min). */
  watermarkGraceMs?: number;
  runId?: string;
  signal?: AbortSignal;
  onProgress?: (progress: CompactionProgress) => void;
}

export interface CompactListingsOutcome {
  /** The raw partitions asked for (the engine recompacts their scope). */
  requested: PartitionValues[];
  /** The run's manifest; undefined when no raw partition had new data. */
  manifest: CompactionManifest | undefined;
  summary: CompactionSummary | undefined;
  /** Curated partitions the catalog did not know before. */
  partitionsRegistered: number;
}

// A file still being written while a run lists the bucket may carry an older time than the listing.
const DEFAULT_WATERMARK_GRACE_MS = 5 * 60_000;

async function latestWatermark(store: ObjectStore): Promise<number | undefined> {
  const body = await store.get(LATEST_MANIFEST_KEY);
  if (!body) return undefined;
  return parseCompactionManifest(new TextDecoder().decode(body), store.uri(LATEST_MANIFEST_KEY)).watermarkMs;
}

async function rawObjects(store: ObjectStore): Promise<ObjectInfo[]> {
  const objects: ObjectInfo[] = [];
  for await (const object of store.list(RAW_LISTINGS_PREFIX)) objects.push(object);
  return objects;
}

function runIdAt(engine: string, epochMs: number): string {
  return `${engine}-${new Date(epochMs).toISOString().replace(/[-:.]/g, '')}`;
}

/** Registers every curated partition the run wrote (those already registered are left alone). */
async function registerPartitions(catalog: Catalog, manifest: CompactionManifest): Promise<number> {
  let added = 0;
  for (const table of manifest.tables) {
    const partitions = table.partitions.map(({ values, location }) => ({ values, location }));
    if (partitions.length > 0)
      added += await catalog.addPartitions(manifest.database, table.name, partitions);
  }
  return added;
}

/**
 * Compacts the raw partitions with new data into listings_history and listings_current, then registers
 * the curated partitions it wrote. Runs given explicit partitions keep the previous watermark, so the
 * next run still finds whatever else arrived.
 */
export async function compactListings(
  deps: CompactListingsDeps,
  options: CompactListingsOptions,
): Promise<CompactListingsOutcome> {
  const { store, catalog, compactor, clock } = deps;
  await ensureCuratedTables(catalog, options.database);
  const startedAt = clock();
  const previous = await latestWatermark(store);
  const requested = options.partitions
    ? [...options.partitions]
    : changedPartitions(await rawObjects(store), RAW_LISTINGS_PREFIX, previous);
  if (requested.length === 0)
    return { requested, manifest: undefined, summary: undefined, partitionsRegistered: 0 };
  const grace = options.watermarkGraceMs ?? DEFAULT_WATERMARK_GRACE_MS;
  const watermarkMs = options.partitions ? (previous ?? 0) : Math.max(0, startedAt - grace);
  const manifest = await compactor.compact(
    {
      runId: options.runId ?? runIdAt(compactor.engine, startedAt),
      database: options.database,
      partitions: requested,
      targetFileBytes: options.targetFileBytes,
      watermarkMs,
    },
    {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    },
  );
  const partitionsRegistered = await registerPartitions(catalog, manifest);
  return { requested, manifest, summary: summarizeCompaction(manifest), partitionsRegistered };
}
