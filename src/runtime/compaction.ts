import path from 'node:path';
import { createDuckDbCompactor } from '../adapters/compactor/duckdb.js';
import { createSparkCompactor } from '../adapters/compactor/spark.js';
import type { RealtyConfig } from '../config.js';
import type { PartitionValues } from '../domain/partition-path.js';
import { type CompactListingsOutcome, compactListings } from '../pipeline/compact-listings.js';
import { systemClock } from '../ports/clock.js';
import type { CompactionProgress, Compactor } from '../ports/compactor.js';
import type { ObjectStore } from '../ports/object-store.js';
import { catalogFor, storeFor } from './assemble.js';
import { localPaths } from './local.js';

export interface CompactFromConfigOptions {
  /** Raw partitions to compact; by default those with raw files newer than the last run's watermark. */
  partitions?: readonly PartitionValues[];
  onProgress?: (progress: CompactionProgress) => void;
  signal?: AbortSignal;
}

/** The compactor the configuration names; both lock `<data dir>/compaction` so two runs never overlap. */
function compactorFor(config: RealtyConfig, store: ObjectStore, env: NodeJS.ProcessEnv): Compactor {
  const { root } = localPaths(config);
  const lockPath = path.join(root, 'compaction');
  if (config.compactEngine === 'spark') {
    return createSparkCompactor({
      store,
      python: path.resolve(config.sparkPython),
      javaHome: config.sparkJavaHome,
      workDir: path.join(root, 'spark'),
      lockPath,
      env,
    });
  }
  return createDuckDbCompactor({ store, lockPath });
}

/** Compacts what is new with the configured engine: what `realty compact` does, and `realty run` at its end. */
export function compactFromConfig(
  config: RealtyConfig,
  options: CompactFromConfigOptions = {},
): Promise<CompactListingsOutcome> {
  const store = storeFor(config);
  const compactor = compactorFor(config, store, process.env);
  return compactListings(
    { store, catalog: catalogFor(config), compactor, clock: systemClock },
    { database: config.database, targetFileBytes: config.targetFileBytes, ...options },
  );
}
