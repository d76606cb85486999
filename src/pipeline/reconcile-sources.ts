import * as v from 'valibot';
import { isCalendarDate } from '../domain/partition-path.js';
import { StoreError, UsageError } from '../errors.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { RunLedger } from '../reconciliation/reconcile-facts.js';

/** Which ingest runs to reconcile: one `realty run` (all its days) or the runs started in a date range. */
export type ReconcileSelection = { runId: string } | { from: string; to: string } | { latest: true };

export const RUN_LOG_PREFIX = 'runs/ingest/';

// Run ids reach SQL as literals: only these characters are ever accepted (ingest writes uuid-dN).
const RUN_ID = /^[A-Za-z0-9._:-]{1,200}$/;

const rangeSchema = v.object({
  first: v.pipe(v.number(), v.safeInteger()),
  last: v.pipe(v.number(), v.safeInteger()),
});
const runLogSchema = v.object({
  runId: v.pipe(v.string(), v.regex(RUN_ID)),
  startedAt: v.number(),
  finishedAt: v.number(),
  fetched: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  produced: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  failedAreas: v.array(v.unknown()),
  status: v.optional(v.picklist(['started', 'completed', 'failed'])),
  producedOffsets: v.optional(
    v.array(
      v.object({
        topic: v.string(),
        partition: v.pipe(v.number(), v.safeInteger()),
        ranges: v.array(rangeSchema),
      }),
    ),
  ),
});

/** Throws UsageError unless `runId` could name an ingest run. */
export function checkRunId(runId: string): string {
  if (!RUN_ID.test(runId)) {
    throw new UsageError(
      `run id ${JSON.stringify(runId.slice(0, 80))} is not valid; use the runId \`realty run --json\` printed (letters, digits, . _ : -)`,
    );
  }
  return runId;
}

/** The run logs the selection names, oldest first; throws UsageError when there is none. */
export async function loadRunLedgers(
  store: ObjectStore,
  selection: ReconcileSelection,
): Promise<RunLedger[]> {
  if ('runId' in selection) checkRunId(selection.runId);
  const ids = new Map<string, string>();
  for await (const object of store.list(RUN_LOG_PREFIX)) {
    const name = object.key.slice(RUN_LOG_PREFIX.length);
    if (name.endsWith('.json') && !name.includes('/')) ids.set(name.slice(0, -5), object.key);
  }
  const wanted =
    'runId' in selection ? [...ids.keys()].filter((id) => belongsTo(id, selection.runId)) : [...ids.keys()];
  const ledgers: RunLedger[] = [];
  for (const id of wanted) ledgers.push(await readLedger(store, ids.get(id) as string));
  ledgers.sort((a, b) => a.startedAt - b.startedAt || (a.runId < b.runId ? -1 : 1));
  const chosen = pick(ledgers, selection);
  if (chosen.length === 0)
    throw new UsageError(`no ingest run log matches ${describeSelection(selection)}; ${hint(ids.size)}`);
  return chosen;
}

/** `realty run` logs one ingest run per market day, `<runId>-d<day>`. */
function belongsTo(id: string, runId: string): boolean {
  return id === runId || (id.startsWith(`${runId}-d`) && /^\d+$/.test(id.slice(runId.length + 2)));
}

function pick(ledgers: RunLedger[], selection: ReconcileSelection): RunLedger[] {
  if ('runId' in selection) return ledgers;
  if ('latest' in selection) {
    const last = ledgers.at(-1);
    if (last === undefined) return [];
    // The latest `realty run`: every day logged under the same base run id.
    const base = last.runId.replace(/-d\d+$/, '');
    return ledgers.filter((l) => belongsTo(l.runId, base));
  }
  checkRange(selection.from, selection.to);
  return ledgers.filter((l) => {
    const day = new Date(l.startedAt).toISOString().slice(0, 10);
    return day >= selection.from && day <= selection.to;
  });
}

/** Throws UsageError unless from and to are calendar dates in order. */
export function checkRange(from: string, to: string): void {
  for (const [flag, value] of [
    ['--from', from],
    ['--to', to],
  ]) {
    if (!isCalendarDate(value)) {
      throw new UsageError(`${flag} ${JSON.stringify(String(value).slice(0, 40))} is not a date YYYY-MM-DD`);
    }
  }
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}; give the earlier date first`);
}

async function readLedger(store: ObjectStore, key: string): Promise<RunLedger> {
  const parsed = v.safeParse(runLogSchema, await readJson(store, key));
  if (!parsed.success) {
    throw new StoreError(
      `run log ${key} is not an ingest run log (${parsed.issues[0].message}); remove or restore it`,
    );
  }
  const log = parsed.output;
  return {
    runId: log.runId,
    startedAt: log.startedAt,
    finishedAt: log.finishedAt,
    fetched: log.fetched,
    produced: log.produced,
    failedAreas: log.failedAreas.length,
    producedOffsets: log.producedOffsets ?? null,
    ...(log.status === undefined ? {} : { status: log.status }),
  };
}

function describeSelection(selection: ReconcileSelection): string {
  if ('runId' in selection) return `run ${selection.runId}`;
  if ('latest' in selection) return 'the latest run';
  return `runs started from ${selection.from} to ${selection.to}`;
}

function hint(known: number): string {
  return known === 0
    ? `there are no run logs under ${RUN_LOG_PREFIX} yet: run \`realty run\` first, or check --data-dir`
    : `${known} run log(s) exist under ${RUN_LOG_PREFIX}; pass a runId printed by \`realty run --json\``;
}

/** A JSON object of the store, parsed; StoreError when it vanished or is not JSON. */
export async function readJson(store: ObjectStore, key: string): Promise<unknown> {
  const body = await store.get(key);
  if (body === undefined) throw new StoreError(`${key} disappeared while reconciling; run reconcile again`);
  try {
    return JSON.parse(new TextDecoder().decode(body)) as unknown;
  } catch (error) {
    throw new StoreError(`${key} is not JSON; remove or restore it`, { cause: error });
  }
}
