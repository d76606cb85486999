import * as v from 'valibot';
import { formatIssuePath } from '../domain/issue-path.js';
import { ConfigError } from '../errors.js';

/** Lambda's payload cap for a synchronous invocation: "Request must be smaller than 6291456 bytes". */
export const MSK_INVOKE_PAYLOAD_LIMIT_BYTES = 6_291_456;

/** The batching window of an MSK mapping that never set MaximumBatchingWindowInSeconds. */
export const MSK_DEFAULT_BATCHING_WINDOW_MS = 500;

/** Retries Lambda applies when retries are infinite (-1) and an on-failure destination is configured. */
export const RETRIES_WITH_DESTINATION = 10;

/**
 * The event source mapping settings that apply to Amazon MSK and self-managed Kafka, with AWS's names
 * (CreateEventSourceMapping; "All Amazon MSK event source configuration parameters in Lambda").
 */
export interface EsmSettings {
  BatchSize: number;
  /** Whole seconds; absent means AWS's MSK default of 500 ms, which cannot be set back once changed. */
  MaximumBatchingWindowInSeconds?: number;
  /** -1 retries until the record expires. */
  MaximumRetryAttempts: number;
  /** -1 never expires. */
  MaximumRecordAgeInSeconds: number;
  BisectBatchOnFunctionError: boolean;
  FunctionResponseTypes: 'ReportBatchItemFailures'[];
  DestinationConfig?: { OnFailure: { Destination: string } };
}

type Input = { input: unknown };
const got = (issue: Input) => `; got ${JSON.stringify(issue.input)}`;

function integerFrom(min: number, max: number, note: string) {
  const message = (issue: Input) => `must be an integer from ${min} to ${max} (${note})${got(issue)}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

const recordAge = v.pipe(
  v.number(),
  v.check(
    (n) => n === -1 || (Number.isInteger(n) && n >= 60 && n <= 604_800),
    (issue) => `must be -1 (infinite) or 60 to 604800; got ${JSON.stringify(issue.input)}`,
  ),
);

// AWS's ARN pattern for DestinationConfig.OnFailure.Destination, plus the `kafka://topic` form.
const DESTINATION =
  /^(arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d)?:(\d{12})?:(.+)|kafka:\/\/.+)$/;

const destination = v.strictObject({
  OnFailure: v.strictObject({
    Destination: v.pipe(
      v.string(),
      v.regex(DESTINATION, (issue) => `must be an S3/SQS/SNS ARN or kafka://topic${got(issue)}`),
    ),
  }),
});

const schema = v.strictObject(
  {
    BatchSize: v.optional(integerFrom(1, 10_000, 'default 100'), 100),
    MaximumBatchingWindowInSeconds: v.optional(integerFrom(0, 300, 'whole seconds; default 500 ms')),
    MaximumRetryAttempts: v.optional(integerFrom(-1, 10_000, '-1 is infinite'), -1),
    MaximumRecordAgeInSeconds: v.optional(recordAge, -1),
    BisectBatchOnFunctionError: v.optional(
      v.boolean((i) => `must be true or false${got(i)}`),
      false,
    ),
    FunctionResponseTypes: v.optional(
      v.array(v.picklist(['ReportBatchItemFailures'], (i) => `must be "ReportBatchItemFailures"${got(i)}`)),
      [],
    ),
    DestinationConfig: v.optional(destination),
  },
  'is not a setting',
);

const SETTING_NAMES = Object.keys(schema.entries).join(', ');

/** Validates event source mapping settings (unknown keys are an error) and fills in AWS's defaults. */
export function parseEsmSettings(input: unknown): EsmSettings {
  const result = v.safeParse(schema, input);
  if (result.success) {
    const { MaximumBatchingWindowInSeconds, DestinationConfig, ...rest } = result.output;
    return {
      ...rest,
      ...(MaximumBatchingWindowInSeconds === undefined ? {} : { MaximumBatchingWindowInSeconds }),
      ...(DestinationConfig === undefined ? {} : { DestinationConfig }),
    };
  }
  const problems = result.issues.map((issue) => {
    const path = formatIssuePath(issue.path);
    if (path === '') return `ESM settings must be an object of AWS setting names${got(issue)}`;
    const hint = issue.type === 'strict_object' ? `; use one of ${SETTING_NAMES}` : '';
    return `ESM setting ${path} ${issue.message}${hint}`;
  });
  throw new ConfigError(`${problems.join('; ')}. Fix the event source mapping settings and run again.`);
}

/** The batching window in milliseconds, AWS's 500 ms when none was set. */
export function batchingWindowMs(settings: EsmSettings): number {
  const seconds = settings.MaximumBatchingWindowInSeconds;
  return seconds === undefined ? MSK_DEFAULT_BATCHING_WINDOW_MS : seconds * 1000;
}

/**
 * Retries a failed batch gets: Infinity for -1, except that "when you configure both infinite retries and an
 * on-failure destination, Lambda automatically applies a maximum of 10 retry attempts".
 */
export function effectiveMaximumRetryAttempts(settings: EsmSettings, hasDestination: boolean): number {
  if (settings.MaximumRetryAttempts !== -1) return settings.MaximumRetryAttempts;
  return hasDestination ? RETRIES_WITH_DESTINATION : Number.POSITIVE_INFINITY;
}

/** Age past which a record goes to the on-failure destination instead of the function, in ms. */
export function maximumRecordAgeMs(settings: EsmSettings): number {
  const seconds = settings.MaximumRecordAgeInSeconds;
  return seconds === -1 ? Number.POSITIVE_INFINITY : seconds * 1000;
}
