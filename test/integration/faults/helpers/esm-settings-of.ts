import type { RealtyConfig } from '../../../../src/config.js';
import { parseEsmSettings } from '../../../../src/domain/esm-settings.js';

/** The trigger settings `realty run` uses, from the configuration, with no batching window to wait out. */
export function esmSettingsOf(config: RealtyConfig) {
  return parseEsmSettings({
    BatchSize: config.batchSize,
    MaximumRetryAttempts: config.maxRetryAttempts,
    MaximumRecordAgeInSeconds: config.maxRecordAgeSeconds,
    BisectBatchOnFunctionError: config.bisectOnError,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    DestinationConfig: { OnFailure: { Destination: `arn:aws:s3:::${config.bucket}` } },
    MaximumBatchingWindowInSeconds: 0,
  });
}
