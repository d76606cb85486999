import { setTimeout as sleep } from 'node:timers/promises';
import { TrinoQueryError } from './trino-errors.js';
import { parseQueryResults, type TrinoQueryResults } from './trino-protocol.js';

const BUSY_RETRY_MAX_MS = 1_000;
const CANCEL_TIMEOUT_MS = 5_000;

/**
 * One client-protocol request (POST /v1/statement or GET nextUri) and its checked QueryResults. The protocol:
 * HTTP 503 means the server is busy, so the same request is sent again after a short wait, until `signal` ends it.
 */
export async function sendProtocolRequest(
  request: { method: 'POST' | 'GET'; url: string; body?: string },
  headers: Readonly<Record<string, string>>,
  signal: AbortSignal,
): Promise<TrinoQueryResults> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      signal,
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    if (response.status === 503) {
      await response.body?.cancel();
      await sleep(Math.min(50 * 2 ** attempt, BUSY_RETRY_MAX_MS), undefined, { signal });
      continue;
    }
    const text = await response.text();
    if (!response.ok) throw httpError(request, response.status, text);
    return parseQueryResults(text);
  }
}

/** Cancels a running query (DELETE nextUri); resolves with why that failed, or undefined when it worked. */
export async function cancelQuery(
  nextUri: string,
  headers: Readonly<Record<string, string>>,
): Promise<string | undefined> {
  try {
    const response = await fetch(nextUri, {
      method: 'DELETE',
      headers,
      signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS),
    });
    await response.body?.cancel();
    // 204 when cancelled, 404/410 when the query had already gone: either way it no longer runs.
    return response.ok || response.status === 404 || response.status === 410
      ? undefined
      : `DELETE answered HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function httpError(request: { method: string; url: string }, status: number, body: string): TrinoQueryError {
  const path = new URL(request.url).pathname;
  const detail = body.trim().slice(0, 300) || '(empty body)';
  const hint =
    status === 401 || status === 403
      ? 'check the Trino user and password'
      : 'check REALTY_TRINO_URL points at a Trino coordinator';
  return new TrinoQueryError(
    `Trino answered HTTP ${status} to ${request.method} ${path}: ${detail}; ${hint}`,
  );
}
