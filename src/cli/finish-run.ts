import type { TrinoSyncSummary } from '../adapters/catalog/trino-sync.js';
import type { CompactionSummary } from '../compaction/compaction-manifest.js';
import type { RealtyConfig } from '../config.js';
import { createInvestorViews } from '../pipeline/investor-views.js';
import type { ReconcileReport } from '../pipeline/reconcile.js';
import { compactFromConfig } from '../runtime/compaction.js';
import { reconcileWithConfig } from '../runtime/reconcile-deps.js';
import { syncTrinoCatalog } from '../runtime/trino.js';
import { investorViewDepsFor } from '../runtime/views.js';

export interface RunFinish {
  compaction: CompactionSummary | null;
  views: string[];
  /** What the sync into Trino did, when the engine is Trino; null otherwise. */
  trino: TrinoSyncSummary | null;
  reconciliation: ReconcileReport;
}

/**
 * What `realty run` does after the transform has drained the log: compacts the new raw partitions into the
 * curated tables, (re)creates the investor views over them, mirrors tables, partitions and views into Trino
 * when it is the engine (`--engine trino`), and reconciles the run end to end.
 */
export async function finishRun(
  config: RealtyConfig,
  runId: string,
  options: { compact: boolean },
): Promise<RunFinish> {
  const compaction = options.compact ? ((await compactFromConfig(config)).summary ?? null) : null;
  const viewDeps = investorViewDepsFor(config);
  const views = await createInvestorViews(viewDeps);
  const trino = config.engine === 'trino' ? await syncTrinoCatalog(config, viewDeps.catalog, views) : null;
  const reconciliation = await reconcileWithConfig(config, { runId });
  return { compaction, views: views.map((v) => v.name), trino, reconciliation };
}
