import { setTimeout as delay } from 'node:timers/promises';
import axios from 'axios';
import * as v from 'valibot';
import { type RetryPolicy, resolveRetryPolicy } from '../../domain/retry-policy.js';
import { searchAreaLabel } from '../../domain/search-area.js';
import { ConfigError } from '../../errors.js';
import { type Clock, systemClock } from '../../ports/clock.js';
import type { ListingSource, SearchArea, SourcePage, SourceStats } from '../../ports/listing-source.js';
import { advanceCursor, startCursor } from './page-cursor.js';
import { type RequestContext, type RetryNotice, requestPage } from './realtor-request.js';

export interface RealtorApiOptions {
  /** Base URL, e.g. https://realty-in-us.p.rapidapi.com or a sandbox's url. */
  baseUrl: string;
  apiKey: string;
  /** X-RapidAPI-Host (default realty-in-us.p.rapidapi.com). */
  host?: string;
  /** Results per request, 1-200 (default 200, the API's maximum). */
  pageSize?: number;
  /** Timeout of one request (default 10,000 ms). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Most requests this source may make, retries included (default: no limit). */
  requestBudget?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  clock?: Clock;
  /** Told about every retry, e.g. to log it; the notice never holds the key. */
  onRetry?: (notice: RetryNotice) => void;
}

export const REALTOR_API_SOURCE = 'realty-in-us/v3';

const optionsSchema = v.strictObject({
  baseUrl: v.pipe(v.string(), v.url('must be a URL such as https://realty-in-us.p.rapidapi.com')),
  apiKey: v.pipe(v.string(), v.nonEmpty('must not be empty')),
  host: v.optional(v.pipe(v.string(), v.nonEmpty('must not be empty'))),
  pageSize: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200, 'must be at most 200, the API maximum')),
  ),
  timeoutMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  retry: v.optional(v.record(v.string(), v.unknown())),
  requestBudget: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  sleep: v.optional(v.function()),
  random: v.optional(v.function()),
  clock: v.optional(v.function()),
  onRetry: v.optional(v.function()),
});

/** A ListingSource over the Realty in US API (`POST /properties/v3/list`), with retries, a budget and paging guards. */
export function createRealtorApiSource(options: RealtorApiOptions): ListingSource {
  checkOptions(options);
  const pageSize = options.pageSize ?? 200;
  const clock = options.clock ?? systemClock;
  const stats: SourceStats = { requests: 0, retries: 0, rateLimited: 0, failedAreas: 0 };
  const ctx: RequestContext = {
    http: axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      headers: {
        'content-type': 'application/json',
        'X-RapidAPI-Key': options.apiKey,
        'X-RapidAPI-Host': options.host ?? 'realty-in-us.p.rapidapi.com',
      },
      // Read the body as text and judge every status here: JSON and status errors are classified by hand.
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
    }),
    policy: resolveRetryPolicy(options.retry),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : {})),
    clock,
    requestBudget: options.requestBudget ?? Number.POSITIVE_INFINITY,
    stats,
    redact: (text) => text.split(options.apiKey).join('[redacted]'),
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
  };

  async function* pages(area: SearchArea, signal: AbortSignal | undefined): AsyncGenerator<SourcePage> {
    const label = searchAreaLabel(area);
    let cursor = startCursor();
    for (;;) {
      signal?.throwIfAborted();
      const page = await requestPage(ctx, listBody(area, cursor.offset, pageSize), label, signal);
      yield {
        area,
        offset: cursor.offset,
        total: page.total,
        results: page.results,
        fetchedAt: clock(),
        source: REALTOR_API_SOURCE,
      };
      const step = advanceCursor(
        cursor,
        { total: page.total, count: page.results.length, fingerprint: page.fingerprint },
        pageSize,
        label,
      );
      if (step.done) return;
      cursor = step.cursor;
    }
  }

  return {
    async *pages(area, pageOptions) {
      try {
        yield* pages(area, pageOptions?.signal);
      } catch (error) {
        if (!pageOptions?.signal?.aborted) stats.failedAreas += 1;
        throw error;
      }
    },
    stats: () => ({ ...stats }),
  };
}

/** The request body exactly as the real client sends it (see ../shared/fixtures/SOURCES.md). */
export function listBody(
  area: SearchArea,
  offset: number,
  limit: number,
): Record<string, unknown> & { offset: number } {
  const where =
    area.kind === 'postal_code'
      ? { postal_code: area.postalCode }
      : { city: area.city, state_code: area.stateCode };
  return {
    limit,
    offset,
    ...where,
    status: [...area.statuses],
    sort: { direction: 'desc', field: 'list_date' },
  };
}

function checkOptions(options: RealtorApiOptions): void {
  const parsed = v.safeParse(optionsSchema, options);
  if (parsed.success) return;
  const issue = parsed.issues[0];
  const key = issue.path?.map((p) => String(p.key)).join('.') ?? '?';
  // Never echo the key's value, whatever was wrong with it.
  const what = key === 'apiKey' ? 'must be a non-empty string' : issue.message;
  throw new ConfigError(`Realtor API option '${key}' is invalid (${what}); ${hint(key)}`);
}

function hint(key: string): string {
  if (key === 'apiKey') return 'set REALTY_API_KEY';
  if (key === 'baseUrl') return 'set REALTY_API_URL to a URL such as https://realty-in-us.p.rapidapi.com';
  if (key === 'pageSize') return 'the API returns at most 200 results a page';
  return 'see the RealtorApiOptions type';
}
