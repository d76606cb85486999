import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatPartitionList } from '../../compaction/compaction-scope.js';
import { RAW_LISTINGS_PREFIX } from '../../domain/partition-path.js';
import { CompactionError, ConfigError } from '../../errors.js';
import type { CompactionRequest, CompactOptions, Compactor } from '../../ports/compactor.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { withCompactionLock } from './compaction-lock.js';
import { getManifest } from './manifest-store.js';
import { runJobProcess } from './spark-process.js';

/** jobs/compact_listings.py: the script Glue runs, run here by the venv's Python. */
export const COMPACTION_JOB_SCRIPT = fileURLToPath(
  new URL('../../../jobs/compact_listings.py', import.meta.url),
);

export interface SparkCompactorOptions {
  /** The bucket as a local directory (the job reads and writes it through file:// URIs). */
  store: ObjectStore;
  /** Python with pyspark==3.5.4 (`bash scripts/python-env.sh` creates .cache/venv). */
  python: string;
  /** A Java 17 home: Spark 3.5 fails on Java 25 ("getSubject is not supported"). */
  javaHome: string;
  /** The job's local Hive metastore (Derby) and warehouse live here, e.g. `<data dir>/spark`. */
  workDir: string;
  /** Lock file shared with the DuckDB compactor, e.g. `<data dir>/compaction`. */
  lockPath?: string;
  scriptPath?: string;
  /** The job's base environment (PATH, HOME, ...); JAVA_HOME and Spark's settings are added to it. */
  env?: Readonly<Record<string, string | undefined>>;
}

function fileUri(store: ObjectStore, key: string): string {
  const location = store.uri(key);
  if (!path.isAbsolute(location)) {
    throw new ConfigError(
      `the local Spark compactor needs the bucket as a local directory, not ${location}; use REALTY_STORE=local, or run the job on AWS Glue`,
    );
  }
  return pathToFileURL(location).href;
}

/** The job's arguments for a request, as Glue would pass them, plus the local metastore. */
export function sparkJobArgs(store: ObjectStore, request: CompactionRequest, workDir: string): string[] {
  return [
    '--raw-path',
    fileUri(store, RAW_LISTINGS_PREFIX.replace(/\/$/, '')),
    '--curated-path',
    fileUri(store, 'curated'),
    '--database',
    request.database,
    '--partitions',
    formatPartitionList(request.partitions),
    '--target-file-bytes',
    String(request.targetFileBytes),
    '--run-id',
    request.runId,
    '--watermark-ms',
    String(request.watermarkMs),
    '--local-metastore',
    path.resolve(workDir),
  ];
}

/** A Compactor running the Glue job's script with local PySpark (Java 17), then reading its manifest. */
export function createSparkCompactor(options: SparkCompactorOptions): Compactor {
  const { store } = options;

  async function run(request: CompactionRequest, compactOptions: CompactOptions) {
    if (request.partitions.length === 0) {
      // The job would read "no partitions" as "since the watermark"; the caller asked for nothing.
      throw new CompactionError('no raw partitions to compact were given; pass at least one');
    }
    const workDir = path.resolve(options.workDir);
    await mkdir(workDir, { recursive: true });
    const baseEnv = options.env ?? {};
    await runJobProcess({
      command: options.python,
      args: [options.scriptPath ?? COMPACTION_JOB_SCRIPT, ...sparkJobArgs(store, request, workDir)],
      // Derby writes derby.log into the working directory.
      cwd: workDir,
      env: {
        ...baseEnv,
        JAVA_HOME: options.javaHome,
        PATH: [path.join(options.javaHome, 'bin'), baseEnv['PATH']].filter(Boolean).join(path.delimiter),
        PYSPARK_PYTHON: options.python,
        // Spark binds to the machine's address otherwise; nothing here should leave loopback.
        SPARK_LOCAL_IP: '127.0.0.1',
        // A local run is short: C1 only and the serial collector halved its time on a busy 2-core machine.
        PYSPARK_SUBMIT_ARGS: '--driver-java-options "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" pyspark-shell',
      },
      signal: compactOptions.signal,
      onProgress: compactOptions.onProgress,
    });
    return getManifest(store, request.runId);
  }

  return {
    engine: 'spark',
    compact: (request, compactOptions = {}) =>
      withCompactionLock(options.lockPath, () => run(request, compactOptions)),
  };
}
