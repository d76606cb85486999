import { ENCODER_NAMES } from '../adapters/parquet/encoder-by-name.js';
import { choice, flag, intFrom, positiveInt } from './value-schemas.js';

/** The transform's trigger (the MSK event source mapping's settings) and its Parquet writer. */
export const TRIGGER_SETTINGS = {
  batchSize: {
    env: 'REALTY_BATCH_SIZE',
    flag: 'batch-size',
    // AWS's maximum: Lambda's 6 MB invoke cap then bounds a batch (about 1,500 listings), so raw objects hold
    // thousands of rows instead of BatchSize ones (docs/raw-layout.md).
    default: '10000',
    schema: positiveInt(10_000),
    doc: 'MSK event source mapping BatchSize (a batch also stops at 6 MB: about 1,500 listings)',
  },
  batchWindowSeconds: {
    env: 'REALTY_BATCH_WINDOW_SECONDS',
    flag: 'batch-window-seconds',
    default: undefined,
    schema: intFrom(0, 300),
    doc: "MaximumBatchingWindowInSeconds; unset: AWS's MSK default of 500 ms",
  },
  triggerConcurrency: {
    env: 'REALTY_TRIGGER_CONCURRENCY',
    flag: 'trigger-concurrency',
    // Lambda runs up to one batch per partition at once. The transform runs on worker threads, one per core beyond
    // two, or in the trigger's thread on 2 cores (where a worker cost more CPU than it saved); unset keeps one batch
    // per core in flight, at least 2, so the next batch is transformed while one waits for its writes
    // (docs/raw-layout.md).
    default: undefined,
    schema: intFrom(0, 1000),
    doc: "Batches the embedded trigger keeps in flight, never two of one partition (as Lambda), run on transform worker threads (one per core beyond two; on 2 cores, in the trigger's thread); unset: one per core, at least 2; 0: one batch at a time, holding any partitions, in the main thread",
  },
  maxRetryAttempts: {
    env: 'REALTY_MAX_RETRY_ATTEMPTS',
    flag: 'max-retry-attempts',
    default: '3',
    schema: intFrom(-1, 10_000),
    doc: 'MaximumRetryAttempts of a failing batch (-1: until the record expires)',
  },
  maxRecordAgeSeconds: {
    env: 'REALTY_MAX_RECORD_AGE_SECONDS',
    flag: 'max-record-age-seconds',
    default: '-1',
    schema: intFrom(-1, 604_800),
    doc: 'MaximumRecordAgeInSeconds (-1: no limit)',
  },
  bisectOnError: {
    env: 'REALTY_BISECT_ON_ERROR',
    flag: 'bisect-on-error',
    default: 'true',
    schema: flag,
    doc: 'BisectBatchOnFunctionError',
  },
  parquetEncoder: {
    env: 'REALTY_PARQUET_ENCODER',
    flag: 'parquet-encoder',
    default: 'flat',
    schema: choice(ENCODER_NAMES),
    doc: "Parquet writer used by the transform: `flat` (the project's own, fastest: docs/performance.md), `hyparquet` (hyparquet-writer) or `parquetjs-lite`",
  },
} as const;
