import * as v from 'valibot';
import { CompactionError, InputError } from '../errors.js';

/** Where runs leave their manifests: one per run, plus a copy of the last successful one. */
export const MANIFEST_PREFIX = 'curated/_manifests/';
/** The last successful run's manifest: its watermark tells the next run which raw files are new. */
export const LATEST_MANIFEST_KEY = `${MANIFEST_PREFIX}latest.json`;

export const COMPACTION_ENGINES = ['duckdb', 'spark'] as const;
export type CompactionEngine = (typeof COMPACTION_ENGINES)[number];

// Glue's job run ids (jr_ + 64 hex) and our local ones fit; a leading dot or '_' would hide the file.
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const isoInstant = v.pipe(v.string(), v.isoTimestamp('must be an ISO-8601 instant'));

const PartitionSchema = v.strictObject({
  values: v.array(v.string()),
  location: v.string(),
  files: count,
  bytes: count,
  rows: count,
});

const TableSchema = v.strictObject({
  name: v.pipe(v.string(), v.regex(/^[a-z_][a-z0-9_]*$/)),
  location: v.string(),
  partitionKeys: v.array(v.string()),
  partitions: v.array(PartitionSchema),
});

const ManifestSchema = v.strictObject({
  version: v.literal(1),
  runId: v.pipe(v.string(), v.regex(RUN_ID, 'must be letters, digits, "_", "." or "-"')),
  engine: v.picklist(COMPACTION_ENGINES),
  database: v.string(),
  startedAt: isoInstant,
  finishedAt: isoInstant,
  watermarkMs: count,
  targetFileBytes: v.pipe(count, v.minValue(1)),
  rowsPerFile: v.pipe(count, v.minValue(1)),
  scope: v.array(v.strictObject({ state: v.string(), fromDt: v.string() })),
  input: v.strictObject({ partitions: count, files: count, bytes: count, rows: count, observations: count }),
  tables: v.array(TableSchema),
});

/** One curated partition a run wrote: its values in partition-key order, store prefix and size. */
export type ManifestPartition = v.InferOutput<typeof PartitionSchema>;
export type ManifestTable = v.InferOutput<typeof TableSchema>;

/**
 * What one compaction run did: the scope it recompacted, what it read, and every curated partition it
 * replaced. Spark (jobs/compact_listings.py) and the DuckDB compactor write the same JSON.
 */
export type CompactionManifest = v.InferOutput<typeof ManifestSchema>;

/** Store key of one run's manifest. */
export function manifestKey(runId: string): string {
  if (!RUN_ID.test(runId)) {
    throw new InputError(
      `run id ${JSON.stringify(runId)} cannot name a manifest; use up to 128 letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  }
  return `${MANIFEST_PREFIX}runs/${runId}.json`;
}

function byValues(a: ManifestPartition, b: ManifestPartition): number {
  const [x, y] = [a.values.join('/'), b.values.join('/')];
  return x < y ? -1 : x > y ? 1 : 0;
}

function checked(candidate: unknown, where: string): CompactionManifest {
  const result = v.safeParse(ManifestSchema, candidate);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue ? v.getDotPath(issue) : null;
  throw new CompactionError(
    `${where} is not a compaction manifest: ${path ?? 'manifest'} ${issue?.message ?? 'is invalid'}; re-run the compaction to write it again`,
  );
}

/** A checked manifest with partitions in value order, so two runs over the same data compare equal. */
export function buildCompactionManifest(fields: Omit<CompactionManifest, 'version'>): CompactionManifest {
  const manifest = checked({ version: 1, ...fields }, `the manifest of run ${fields.runId}`);
  return {
    ...manifest,
    tables: manifest.tables.map((table) => ({ ...table, partitions: [...table.partitions].sort(byValues) })),
  };
}

/** Parses a manifest's JSON text; throws CompactionError naming `where` and the first wrong field. */
export function parseCompactionManifest(text: string, where: string): CompactionManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CompactionError(`${where} is not JSON; re-run the compaction to write it again`, {
      cause: error,
    });
  }
  return checked(json, where);
}

/** The manifest as the JSON text both engines write. */
export function serializeCompactionManifest(manifest: CompactionManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export interface TableSummary {
  name: string;
  partitions: number;
  files: number;
  bytes: number;
  rows: number;
}

/** The figures a person wants after a run: small files in, files out, copies dropped. */
export interface CompactionSummary {
  rawFiles: number;
  rawBytes: number;
  rawRows: number;
  /** Raw rows that were copies of an observation already kept (same event_id). */
  rowsDeduped: number;
  tables: TableSummary[];
}

/** Sums a manifest up for the CLI summary and the bench. */
export function summarizeCompaction(manifest: CompactionManifest): CompactionSummary {
  return {
    rawFiles: manifest.input.files,
    rawBytes: manifest.input.bytes,
    rawRows: manifest.input.rows,
    rowsDeduped: manifest.input.rows - manifest.input.observations,
    tables: manifest.tables.map((table) => ({
      name: table.name,
      partitions: table.partitions.length,
      files: table.partitions.reduce((sum, p) => sum + p.files, 0),
      bytes: table.partitions.reduce((sum, p) => sum + p.bytes, 0),
      rows: table.partitions.reduce((sum, p) => sum + p.rows, 0),
    })),
  };
}
