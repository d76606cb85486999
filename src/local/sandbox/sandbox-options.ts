import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { ConfigError } from '../../errors.js';
import { type FaultRates, NO_FAULTS, type RequestFault } from './faults.js';

/** How to start the sandbox; every field is optional. */
export interface SandboxOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The key clients must send as X-RapidAPI-Key; a random one by default. */
  apiKey?: string;
  /** The X-RapidAPI-Host clients must send. */
  host?: string;
  /** Seed of the market and of the faults (default 42). */
  seed?: number;
  /** Homes in the market (default 3,000; up to 2,000,000, generated on demand). */
  listings?: number;
  /** Calendar date of day 0, YYYY-MM-DD (default 2024-02-15, the date of the real fixture). */
  startDate?: string;
  /** Requests allowed per second before 429; 0 for no limit (default 20). */
  rateLimitPerSecond?: number;
  /** What a 429 carries: no Retry-After (as the real API often does), delay-seconds, or an HTTP date. */
  retryAfter?: 'none' | 'seconds' | 'http-date';
  /** Plan named in the 429 body (default BASIC). */
  plan?: 'BASIC' | 'PRO' | 'ULTRA';
  /** Fault probabilities (default none). */
  faults?: Partial<FaultRates>;
  /** Faults to apply, in order, to the next requests, before the random ones. */
  faultScript?: readonly RequestFault[];
  /** How long a slow response waits (default 3,000 ms). */
  slowMs?: number;
  /** Clock of the rate limiter and Retry-After dates (default Date.now); tests move it by hand. */
  now?: () => number;
}

export type ResolvedSandboxOptions = Required<Omit<SandboxOptions, 'faults' | 'faultScript'>> & {
  faults: FaultRates;
  faultScript: RequestFault[];
  startMs: number;
};

const rate = v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1)));
const count = (max: number) => v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max)));
const schema = v.strictObject({
  port: count(65_535),
  apiKey: v.optional(v.pipe(v.string(), v.minLength(8, 'must be at least 8 characters'))),
  host: v.optional(v.pipe(v.string(), v.nonEmpty())),
  seed: count(2 ** 31 - 1),
  listings: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2_000_000))),
  startDate: v.optional(v.pipe(v.string(), v.isoDate('must be a date YYYY-MM-DD'))),
  rateLimitPerSecond: count(100_000),
  retryAfter: v.optional(v.picklist(['none', 'seconds', 'http-date'])),
  plan: v.optional(v.picklist(['BASIC', 'PRO', 'ULTRA'])),
  faults: v.optional(
    v.strictObject({
      serverError: rate,
      slow: rate,
      truncated: rate,
      malformed: rate,
      reset: rate,
      schemaDrift: rate,
    }),
  ),
  faultScript: v.optional(v.array(v.picklist(['server_error', 'slow', 'truncated', 'malformed', 'reset']))),
  slowMs: count(600_000),
  now: v.optional(v.function()),
});

/** Checks the options (unknown keys are an error) and fills the defaults; throws ConfigError naming the bad one. */
export function resolveSandboxOptions(options: SandboxOptions): ResolvedSandboxOptions {
  const parsed = v.safeParse(schema, options);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const key = issue.path?.map((p) => String(p.key)).join('.') ?? '?';
    throw new ConfigError(`sandbox option '${key}' is invalid: ${issue.message}`);
  }
  const faults = { ...NO_FAULTS, ...stripUndefined(options.faults ?? {}) };
  const requestShare = faults.serverError + faults.slow + faults.truncated + faults.malformed + faults.reset;
  if (requestShare > 1)
    throw new ConfigError(`sandbox fault rates add up to ${requestShare}; keep their sum at most 1`);
  const startDate = options.startDate ?? '2024-02-15';
  return {
    port: options.port ?? 0,
    apiKey: options.apiKey ?? `sandbox-${randomBytes(12).toString('hex')}`,
    host: options.host ?? 'realty-in-us.p.rapidapi.com',
    seed: options.seed ?? 42,
    listings: options.listings ?? 3_000,
    startDate,
    startMs: Date.parse(`${startDate}T00:00:00Z`),
    rateLimitPerSecond: options.rateLimitPerSecond ?? 20,
    retryAfter: options.retryAfter ?? 'none',
    plan: options.plan ?? 'BASIC',
    faults,
    faultScript: [...(options.faultScript ?? [])],
    slowMs: options.slowMs ?? 3_000,
    now: options.now ?? Date.now,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, x]) => x !== undefined)) as Partial<T>;
}
