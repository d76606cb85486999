import { createHash } from 'node:crypto';
import { type AxiosInstance, isAxiosError } from 'axios';
import * as v from 'valibot';
import type { AttemptFailure } from '../../domain/retry-policy.js';

/** A page that parsed: the envelope's fields, plus a digest of the body for the paging guard. */
export interface ParsedPage {
  total: number | null;
  results: unknown[];
  fingerprint: string;
}

/** One attempt: a parsed page, or why it failed and a short description free of secrets. */
export type AttemptResult =
  | { ok: true; page: ParsedPage }
  | { ok: false; failure: AttemptFailure; detail: string };

// The v3 envelope; results are passed on untouched (the transform validates them).
const envelopeSchema = v.object({
  data: v.object({
    home_search: v.object({
      total: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))), null),
      results: v.array(v.unknown()),
    }),
  }),
});

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/** Sends one list request and reads the answer; never throws, except when the caller aborts. */
export async function attemptListRequest(
  http: AxiosInstance,
  body: Record<string, unknown>,
  signal: AbortSignal | undefined,
): Promise<AttemptResult> {
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const response = await http.post<string>(
      '/properties/v3/list',
      JSON.stringify(body),
      signal ? { signal } : {},
    );
    status = response.status;
    text = typeof response.data === 'string' ? response.data : String(response.data);
    const header = response.headers['retry-after'];
    retryAfter = typeof header === 'string' ? header : null;
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    return networkFailure(error);
  }
  if (status < 200 || status > 299) {
    return {
      ok: false,
      failure: { kind: 'http', status, retryAfter },
      detail: `HTTP ${status}${quoteMessage(text)}`,
    };
  }
  return parsePage(text);
}

/** Parses a 2xx body: JSON, then the envelope. */
export function parsePage(text: string): AttemptResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'not JSON';
    return {
      ok: false,
      failure: { kind: 'malformed' },
      detail: `body is not JSON (${reason}; ${text.length} chars)`,
    };
  }
  const parsed = v.safeParse(envelopeSchema, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
    return {
      ok: false,
      failure: { kind: 'malformed' },
      detail: `body is not a home_search envelope (${path}: ${issue.message})`,
    };
  }
  const search = parsed.output.data.home_search;
  const fingerprint = createHash('sha1').update(text).digest('hex');
  return { ok: true, page: { total: search.total, results: search.results, fingerprint } };
}

/**
 * Classifies a transport error. Only the code and message are kept: an AxiosError carries the request
 * config, headers included, so it must never travel further (it would carry the API key).
 */
function networkFailure(error: unknown): AttemptResult {
  const code = isAxiosError(error) ? (error.code ?? 'ERR_NETWORK') : 'ERR_UNKNOWN';
  const message = error instanceof Error ? error.message : String(error);
  if (TIMEOUT_CODES.has(code))
    return { ok: false, failure: { kind: 'timeout' }, detail: `timeout (${message})` };
  return { ok: false, failure: { kind: 'network', code }, detail: `${code} (${message})` };
}

function quoteMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return `: "${message.slice(0, 300)}"`;
  } catch {
    // Not JSON: quote the start of the body instead.
  }
  return text.length > 0 ? `: ${JSON.stringify(text.slice(0, 120))}` : '';
}
