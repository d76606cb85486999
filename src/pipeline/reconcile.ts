import { QueryError } from '../errors.js';
import type { Catalog } from '../ports/catalog.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { QueryEngine } from '../ports/query-engine.js';
import type { CuratedCounts, GroupPosition, RawFacts } from '../reconciliation/reconcile-facts.js';
import { type Reconciliation, reconcileRecords } from '../reconciliation/reconciliation.js';
import { CURRENT_TABLE, HISTORY_TABLE } from './curated-tables.js';
import { quarantinedKeys } from './quarantine.js';
import { RAW_TABLE } from './raw-table.js';
import { readDeadLetterRefs, readOnFailureRefs } from './reconcile-dead-letters.js';
import { loadRunLedgers, type ReconcileSelection } from './reconcile-sources.js';
import { type RawScope, readCuratedCounts, readRawFacts } from './reconcile-sql.js';

export type { ReconcileSelection } from './reconcile-sources.js';

export interface ReconcileDeps {
  store: ObjectStore;
  catalog: Catalog;
  /** SQL over the catalog's tables: listings_raw and, once compacted, the curated tables. */
  engine: QueryEngine;
  database: string;
  /** The transform group's committed and end offsets; null when the bus cannot be read. */
  groupPosition: () => Promise<GroupPosition | null>;
}

/** Result of `realty reconcile`: the counts, and what was selected. */
export type ReconcileReport = Reconciliation & {
  selection: ReconcileSelection;
  /** Data files moved to quarantine/ (their original keys): their rows are missing from the tables. */
  quarantined: string[];
};

/** Counts every record of the selected ingest runs from fetch to raw, dead-letter and curated tables, naming any gap. */
export async function reconcile(
  selection: ReconcileSelection,
  deps: ReconcileDeps,
): Promise<ReconcileReport> {
  const runs = await loadRunLedgers(deps.store, selection);
  const runIds = new Set(runs.map((r) => r.runId));
  const fromDay = new Date(Math.min(...runs.map((r) => r.startedAt))).toISOString().slice(0, 10);
  const scope: RawScope = { runIds: [...runIds], fromDay };
  const tables = new Set((await deps.catalog.listTables(deps.database)).map((t) => t.name));
  const raw = tables.has(RAW_TABLE)
    ? await rawFacts(deps.engine, scope)
    : { rows: 0, written: [], duplicates: [] };
  const facts = {
    runs,
    raw,
    deadLetters: await readDeadLetterRefs(deps.store, runIds, fromDay),
    onFailure: await readOnFailureRefs(deps.store, runIds),
    group: await deps.groupPosition(),
    curated: await curatedCounts(deps.engine, scope, tables),
  };
  return { selection, ...reconcileRecords(facts), quarantined: await quarantinedKeys(deps.store) };
}

async function rawFacts(engine: QueryEngine, scope: RawScope): Promise<RawFacts> {
  try {
    return await readRawFacts(engine, scope);
  } catch (error) {
    if (error instanceof QueryError && /run_id|kafka_/.test(error.message)) {
      throw new QueryError(
        'listings_raw has no lineage columns (run_id, kafka_offset...): its files were written before lineage was ' +
          'recorded; reconcile a run made since, or rewrite the old raw files',
        { cause: error },
      );
    }
    throw error;
  }
}

async function curatedCounts(
  engine: QueryEngine,
  scope: RawScope,
  tables: ReadonlySet<string>,
): Promise<CuratedCounts | null> {
  if (!tables.has(HISTORY_TABLE) && !tables.has(CURRENT_TABLE)) return null;
  return {
    history: tables.has(HISTORY_TABLE)
      ? await readCuratedCounts(engine, scope, {
          name: HISTORY_TABLE,
          keys: ['property_id', 'state', 'dt'],
          byDay: true,
        })
      : null,
    current: tables.has(CURRENT_TABLE)
      ? await readCuratedCounts(engine, scope, {
          name: CURRENT_TABLE,
          keys: ['property_id', 'state'],
          byDay: false,
        })
      : null,
  };
}
