import type { AxiosInstance } from 'axios';
import {
  type AttemptFailure,
  decideRetry,
  type RetryDecision,
  type RetryPolicy,
} from '../../domain/retry-policy.js';
import { ApiError } from '../../errors.js';
import type { SourceStats } from '../../ports/listing-source.js';
import { attemptListRequest, type ParsedPage } from './realtor-attempt.js';

/** What is reported to `onRetry`: enough for a log line, and never the key. */
export interface RetryNotice {
  area: string;
  offset: number;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** Everything one paged request needs; shared by all requests of one source. */
export interface RequestContext {
  http: AxiosInstance;
  policy: RetryPolicy;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  clock: () => number;
  requestBudget: number;
  stats: SourceStats;
  redact: (text: string) => string;
  onRetry?: (notice: RetryNotice) => void;
}

/** Requests one page, retrying per the policy; throws a typed ApiError whose message names area and offset. */
export async function requestPage(
  ctx: RequestContext,
  body: Record<string, unknown> & { offset: number },
  area: string,
  signal: AbortSignal | undefined,
): Promise<ParsedPage> {
  for (let attempt = 1; ; attempt += 1) {
    if (ctx.stats.requests >= ctx.requestBudget) {
      throw new ApiError(
        'REALTY_API_BUDGET',
        `the request budget of ${ctx.requestBudget} API requests for this run is spent (at ${area}, offset ${body.offset}); ` +
          'raise REALTY_API_REQUEST_BUDGET or search fewer areas',
      );
    }
    ctx.stats.requests += 1;
    const result = await attemptListRequest(ctx.http, body, signal);
    if (result.ok) return result.page;
    const { failure } = result;
    const detail = ctx.redact(result.detail);
    if (failure.kind === 'http' && failure.status === 429) ctx.stats.rateLimited += 1;
    const decision = decideRetry(ctx.policy, failure, attempt, ctx.random, ctx.clock());
    if (!decision.retry) throw failureError(failure, decision, detail, attempt, area, body.offset);
    ctx.stats.retries += 1;
    ctx.onRetry?.({ area, offset: body.offset, attempt, delayMs: decision.delayMs, reason: detail });
    await ctx.sleep(decision.delayMs, signal);
  }
}

function failureError(
  failure: AttemptFailure,
  decision: Extract<RetryDecision, { retry: false }>,
  detail: string,
  attempts: number,
  area: string,
  offset: number,
): ApiError {
  const where = `${area} at offset ${offset}`;
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  // The cause is a fresh Error holding the redacted detail only: never the transport error, which carries headers.
  const cause = new Error(detail);
  const status = failure.kind === 'http' ? failure.status : undefined;
  const options = status === undefined ? { cause } : { cause, status };
  if (failure.kind === 'http' && (failure.status === 401 || failure.status === 403)) {
    return new ApiError(
      'REALTY_API_AUTH',
      `the Realtor API refused the key for ${where} (${detail}); check REALTY_API_KEY and the RapidAPI subscription`,
      options,
    );
  }
  if (failure.kind === 'http' && failure.status === 429) {
    const why =
      decision.reason === 'retry-after-too-long'
        ? 'asked to wait longer than allowed'
        : `still limited after ${tries}`;
    return new ApiError(
      'REALTY_API_RATE_LIMIT',
      `the Realtor API rate limit stopped ${where}: ${why} (${detail}); lower the request rate or raise the plan's limit`,
      options,
    );
  }
  if (failure.kind === 'malformed') {
    return new ApiError(
      'REALTY_API_RESPONSE',
      `the Realtor API sent an unreadable response for ${where} after ${tries}: ${detail}; try again later`,
      options,
    );
  }
  if (failure.kind === 'http' && failure.status < 500) {
    return new ApiError(
      'REALTY_API_RESPONSE',
      `the Realtor API rejected the request for ${where} (${detail}); check the search area`,
      options,
    );
  }
  return new ApiError(
    'REALTY_API_UNAVAILABLE',
    `the Realtor API was unavailable for ${where} after ${tries} (last: ${detail}); try again later`,
    options,
  );
}
