import * as v from 'valibot';
import {
  type CompactionManifest,
  manifestKey,
  parseCompactionManifest,
} from '../compaction/compaction-manifest.js';
import { CompactionError, EventError } from '../errors.js';
import type { Catalog } from '../ports/catalog.js';
import type { ObjectStore } from '../ports/object-store.js';

// EventBridge "Glue Job State Change": https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html
const GlueJobStateChangeSchema = v.looseObject({
  id: v.string(),
  'detail-type': v.literal('Glue Job State Change'),
  source: v.literal('aws.glue'),
  time: v.string(),
  detail: v.looseObject({
    jobName: v.pipe(v.string(), v.minLength(1)),
    jobRunId: v.pipe(v.string(), v.minLength(1)),
    state: v.picklist(['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR']),
    severity: v.optional(v.string()),
    message: v.optional(v.string()),
  }),
});
export type GlueJobStateChange = v.InferOutput<typeof GlueJobStateChangeSchema>;

/** The state-change event, checked; throws EventError naming the first wrong field. */
export function parseGlueJobStateChange(input: unknown): GlueJobStateChange {
  const result = v.safeParse(GlueJobStateChangeSchema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '(event)';
  throw new EventError(
    `not a Glue Job State Change event: ${path} ${issue?.message ?? 'is invalid'}; invoke with events/glue-job-succeeded.json's shape`,
  );
}

export interface SyncCatalogDeps {
  catalog: Catalog;
  /** Where the compaction job leaves its manifests (curated/_manifests/runs/<jobRunId>.json). */
  store: ObjectStore;
  database: string;
  /** The compaction job; events of other jobs are ignored. */
  jobName: string;
  /** Alarm-worthy report of a failed run (an error-level log line in Lambda, which the stack alarms on). */
  reportFailure: (failure: { jobName: string; jobRunId: string; state: string; reason: string }) => void;
}

export type SyncCatalogOutcome =
  | { action: 'ignored'; reason: string }
  | { action: 'failed-run'; jobRunId: string; state: string; message: string }
  | {
      action: 'synced';
      jobRunId: string;
      partitionsFound: number;
      partitionsAdded: number;
      tables: string[];
      missingTables: string[];
    };

/**
 * Follows the compaction job: after a successful run, registers every curated partition its manifest lists
 * that the catalog does not have yet; after a failed one, reports it and registers nothing.
 */
export async function syncCatalog(
  event: GlueJobStateChange,
  deps: SyncCatalogDeps,
): Promise<SyncCatalogOutcome> {
  const { jobName, jobRunId, state } = event.detail;
  if (jobName !== deps.jobName)
    return { action: 'ignored', reason: `event of job ${jobName}, not ${deps.jobName}` };
  if (state !== 'SUCCEEDED') {
    const message = event.detail.message ?? 'no message';
    deps.reportFailure({ jobName, jobRunId, state, reason: message });
    return { action: 'failed-run', jobRunId, state, message };
  }
  const manifest = await readManifest(deps.store, jobRunId);
  let partitionsFound = 0;
  let partitionsAdded = 0;
  const tables: string[] = [];
  const missingTables: string[] = [];
  for (const table of manifest.tables) {
    if (!(await deps.catalog.getTable(deps.database, table.name))) {
      missingTables.push(table.name);
      continue;
    }
    const partitions = table.partitions.map(({ values, location }) => ({ values, location }));
    partitionsFound += partitions.length;
    partitionsAdded += await deps.catalog.addPartitions(deps.database, table.name, partitions);
    tables.push(table.name);
  }
  return { action: 'synced', jobRunId, partitionsFound, partitionsAdded, tables, missingTables };
}

/** The manifest the run wrote; a successful run without one is an error worth an alarm, not a silent no-op. */
async function readManifest(store: ObjectStore, jobRunId: string): Promise<CompactionManifest> {
  const key = manifestKey(jobRunId);
  const body = await store.get(key);
  if (!body) {
    throw new CompactionError(
      `compaction run ${jobRunId} succeeded without writing ${store.uri(key)}; check the job's --manifest_path and its log`,
    );
  }
  return parseCompactionManifest(new TextDecoder().decode(body), store.uri(key));
}
