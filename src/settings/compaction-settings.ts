import * as v from 'valibot';
import { choice, intFrom, positiveInt, text } from './value-schemas.js';

/** Compaction: engine, Glue job, file sizes. */
export const COMPACTION_SETTINGS = {
  compactEngine: {
    env: 'REALTY_COMPACT_ENGINE',
    flag: 'compact-engine',
    default: 'duckdb',
    schema: choice(['duckdb', 'spark']),
    doc: 'Compaction engine of `realty compact` and `realty run`: DuckDB, or local PySpark running the Glue job (`realty compact --engine`)',
  },
  glueJobName: {
    env: 'REALTY_GLUE_JOB',
    flag: 'glue-job',
    default: 'realty-compact-listings',
    schema: v.pipe(text, v.regex(/^[\w .:/-]{1,255}$/, 'must be a Glue job name')),
    doc: 'Glue compaction job the compact-trigger starts and catalog-sync follows',
  },
  compactLookbackDays: {
    env: 'REALTY_COMPACT_LOOKBACK_DAYS',
    flag: 'compact-lookback-days',
    default: '2',
    schema: intFrom(0, 366),
    doc: 'Days before the schedule day a compaction run rewrites (late records land in earlier dt partitions)',
  },
  targetFileBytes: {
    env: 'REALTY_TARGET_FILE_BYTES',
    flag: 'target-file-bytes',
    default: '134217728',
    schema: positiveInt(2 ** 40),
    doc: 'Curated Parquet files are split to stay about this size; small partitions become one file',
  },
  sparkPython: {
    env: 'REALTY_SPARK_PYTHON',
    flag: 'spark-python',
    default: '.cache/venv/bin/python',
    schema: text,
    doc: 'Python with pyspark 3.5.4 for the Spark compactor (`bash scripts/python-env.sh` creates it)',
  },
  sparkJavaHome: {
    env: 'REALTY_SPARK_JAVA_HOME',
    flag: 'spark-java-home',
    default: '/usr/lib/jvm/java-17-openjdk-amd64',
    schema: text,
    doc: 'Java 17 home for the Spark compactor (Spark 3.5 fails on Java 25)',
  },
} as const;
