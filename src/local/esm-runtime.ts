import { randomUUID } from 'node:crypto';
import { ConfigError } from '../errors.js';
import {
  batchingWindowMs,
  type EsmSettings,
  effectiveMaximumRetryAttempts,
  maximumRecordAgeMs,
} from '../msk/esm-settings.js';
import type { Clock } from '../ports/clock.js';
import { systemClock } from '../ports/clock.js';
import type { EsmOffsetTracker } from './esm-offset-tracker.js';
import { type EsmStats, emptyEsmStats } from './esm-stats.js';
import type { EventSourceMappingOptions } from './event-source-mapping.js';

/** Everything the batching and delivery steps share during a run. */
export interface EsmRuntime {
  options: EventSourceMappingOptions;
  settings: EsmSettings;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  newRequestId: () => string;
  functionArn: string;
  stats: EsmStats;
  tracker: EsmOffsetTracker;
  windowMs: number;
  maxRetries: number;
  maxRecordAgeMs: number;
  retryBackoffMs: number;
  idlePollMs: number;
  reportBatchItemFailures: boolean;
  /** The last commit in flight: commits of concurrently delivered partitions go out one after another. */
  committing: Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const LOCAL_FUNCTION_ARN = 'arn:aws:lambda:local:000000000000:function:realty-transform';

/** Resolves defaults and checks the options fit together. */
export function createEsmRuntime(options: EventSourceMappingOptions, tracker: EsmOffsetTracker): EsmRuntime {
  const { settings } = options;
  if (settings.DestinationConfig !== undefined && options.onFailure === undefined) {
    throw new ConfigError(
      'DestinationConfig.OnFailure is set but no on-failure ObjectStore was given; pass `onFailure` ' +
        'or remove DestinationConfig from the event source mapping settings',
    );
  }
  const lanes = options.concurrency;
  if (lanes !== undefined && !(Number.isInteger(lanes) && lanes >= 1)) {
    throw new ConfigError(`concurrency must be a whole number of at least 1, got ${lanes}`);
  }
  if (options.mode === 'follow' && options.signal === undefined) {
    throw new ConfigError('follow mode runs until aborted: pass an AbortSignal as `signal`');
  }
  return {
    options,
    settings,
    clock: options.clock ?? systemClock,
    sleep: options.sleep ?? defaultSleep,
    newRequestId: options.newRequestId ?? randomUUID,
    functionArn: options.functionArn ?? LOCAL_FUNCTION_ARN,
    stats: options.stats ?? emptyEsmStats(),
    tracker,
    windowMs: batchingWindowMs(settings),
    maxRetries: effectiveMaximumRetryAttempts(settings, options.onFailure !== undefined),
    maxRecordAgeMs: maximumRecordAgeMs(settings),
    retryBackoffMs: options.retryBackoffMs ?? 100,
    idlePollMs: options.idlePollMs ?? 1000,
    reportBatchItemFailures: settings.FunctionResponseTypes.includes('ReportBatchItemFailures'),
    committing: Promise.resolve(),
  };
}

/** True once the run should stop taking new work. */
export function isAborted(runtime: EsmRuntime): boolean {
  return runtime.options.signal?.aborted === true;
}
