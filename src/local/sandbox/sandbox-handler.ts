import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DriftKind,
  malformedBody,
  type RequestFault,
  requestFault,
  serverErrorResponse,
  truncateBody,
} from './faults.js';
import { parseListRequest } from './list-request.js';
import { buildListPage } from './list-response.js';
import type { Market } from './listing-snapshot.js';
import { createMarketSearch } from './market-search.js';
import { createRateLimiter } from './rate-limiter.js';
import type { ResolvedSandboxOptions } from './sandbox-options.js';

/** What the sandbox has answered since it started. */
export interface SandboxStats {
  day: number;
  requests: number;
  /** 200 answers carrying a page (faulty bodies included). */
  served: number;
  /** Results in those pages. */
  results: number;
  unauthorized: number;
  rateLimited: number;
  badRequests: number;
  faults: Record<RequestFault, number>;
  drifted: Record<DriftKind, number>;
}

/** Mutable state shared by the server and the Sandbox handle. */
export interface SandboxState {
  day: number;
  requestNumber: number;
  faultQueue: RequestFault[];
  stats: SandboxStats;
  waits: Set<() => void>;
}

// Bodies exactly as RapidAPI sends them (../shared/fixtures/realtor-api/rapidapi_error_bodies_observed.json).
const NOT_SUBSCRIBED = { message: 'You are not subscribed to this API.' };
const MISSING_KEY = { message: 'Invalid API key. Go to https://docs.rapidapi.com/docs/keys for more info.' };
const MAX_BODY_BYTES = 64 * 1024;

/** The HTTP handler of the sandbox: auth, rate limit, faults, validation, then a page of the market. */
export function createSandboxHandler(config: ResolvedSandboxOptions, state: SandboxState) {
  const market: Market = { seed: config.seed, listings: config.listings, startMs: config.startMs };
  const search = createMarketSearch(market);
  const limiter = createRateLimiter(config.rateLimitPerSecond, config.now);

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    state.stats.requests += 1;
    const n = state.requestNumber++;
    const fault = state.faultQueue.shift() ?? requestFault(config.faults, config.seed, n);
    if (fault === 'reset') {
      state.stats.faults.reset += 1;
      req.socket.destroy();
      return;
    }
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'POST' || path !== '/properties/v3/list') {
      return sendJson(res, 404, { message: `Endpoint '${path}' does not exist` });
    }
    const key = req.headers['x-rapidapi-key'];
    if (key === undefined || key === '') return deny(res, state, 401, MISSING_KEY);
    if (key !== config.apiKey || req.headers['x-rapidapi-host'] !== config.host)
      return deny(res, state, 403, NOT_SUBSCRIBED);
    const verdict = limiter();
    if (!verdict.allowed) return tooMany(res, state, config, verdict.resetAtMs);
    if (fault === 'server_error') {
      state.stats.faults.server_error += 1;
      const failure = serverErrorResponse(config.seed, n);
      return sendRaw(res, failure.status, Buffer.from(failure.body), 'application/json');
    }
    const body = await readJson(req);
    const request = 'error' in body ? body : parseListRequest(body.value);
    if ('error' in request) {
      state.stats.badRequests += 1;
      return sendJson(res, 400, { message: request.error });
    }
    const page = buildListPage(market, search, request, state.day, config.faults.schemaDrift);
    state.stats.served += 1;
    state.stats.results += page.results;
    for (const kind of page.drifted) state.stats.drifted[kind] += 1;
    await answerPage(res, state, config, fault, page.body, n);
  };
}

async function answerPage(
  res: ServerResponse,
  state: SandboxState,
  config: ResolvedSandboxOptions,
  fault: RequestFault | null,
  body: Buffer,
  n: number,
): Promise<void> {
  if (fault !== null) state.stats.faults[fault] += 1;
  if (fault === 'slow') await wait(state, config.slowMs);
  if (res.destroyed) return;
  if (fault === 'truncated') return sendRaw(res, 200, truncateBody(body, config.seed, n), 'application/json');
  if (fault === 'malformed')
    return sendRaw(res, 200, malformedBody(body, config.seed, n), 'application/json');
  sendRaw(res, 200, body, 'application/json');
}

function deny(res: ServerResponse, state: SandboxState, status: number, body: object): void {
  state.stats.unauthorized += 1;
  sendJson(res, status, body);
}

function tooMany(
  res: ServerResponse,
  state: SandboxState,
  config: ResolvedSandboxOptions,
  resetAtMs: number,
): void {
  state.stats.rateLimited += 1;
  const headers: Record<string, string> = {};
  const waitMs = Math.max(0, resetAtMs - config.now());
  if (config.retryAfter === 'seconds')
    headers['retry-after'] = String(Math.max(1, Math.ceil(waitMs / 1_000)));
  // An HTTP date has whole seconds: round up so that waiting until it is always enough.
  if (config.retryAfter === 'http-date')
    headers['retry-after'] = new Date(Math.ceil(resetAtMs / 1_000) * 1_000).toUTCString();
  const message = `You have exceeded the rate limit per second for your plan, ${config.plan}, by the API provider`;
  sendRaw(res, 429, Buffer.from(JSON.stringify({ message })), 'application/json', headers);
}

function wait(state: SandboxState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      state.waits.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    state.waits.add(done);
  });
}

async function readJson(req: IncomingMessage): Promise<{ value: unknown } | { error: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return { error: `the request body must be at most ${MAX_BODY_BYTES} bytes` };
    chunks.push(chunk as Buffer);
  }
  try {
    return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { error: 'the request body must be JSON' };
  }
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  sendRaw(res, status, Buffer.from(JSON.stringify(body)), 'application/json');
}

function sendRaw(
  res: ServerResponse,
  status: number,
  body: Buffer,
  type: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': type, 'content-length': String(body.length), ...headers });
  res.end(body);
}
