import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../errors.js';

export interface ApiFaultProxyOptions {
  /** The API to forward to: a loopback http:// URL (the sandbox, or a recorded-response server). */
  target: string;
  /** Probability that a request is answered 429 with Retry-After instead of being forwarded. */
  tooManyRate: number;
  /** Probability that a request is held without an answer until the client gives up. */
  timeoutRate: number;
  random: () => number;
  /** Retry-After of the 429, in delay-seconds (default 1). */
  retryAfterSeconds?: number;
}

export interface ApiFaultStats {
  requests: number;
  forwarded: number;
  tooMany: number;
  timeouts: number;
}

export interface ApiFaultProxy {
  /** Base URL to give the client instead of the target's. */
  url: string;
  address(): AddressInfo;
  stats(): ApiFaultStats;
  close(): Promise<void>;
}

// RapidAPI's per-second body (../shared/fixtures/realtor-api/rapidapi_error_bodies_observed.json).
const RATE_LIMIT_BODY = JSON.stringify({
  message: 'You have exceeded the rate limit per second for your plan, BASIC, by the API provider',
});

/**
 * Starts an HTTP proxy on 127.0.0.1 that puts 429 storms and timeouts in front of an API. It forwards
 * everything else byte for byte and never logs a request, so the API key it passes on stays unseen.
 */
export async function startApiFaultProxy(options: ApiFaultProxyOptions): Promise<ApiFaultProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    throw new ConfigError(
      `the API fault proxy forwards only to a loopback http:// API, not ${target.origin}`,
    );
  }
  const stats: ApiFaultStats = { requests: 0, forwarded: 0, tooMany: 0, timeouts: 0 };
  const held = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    stats.requests += 1;
    const draw = options.random();
    if (draw < options.tooManyRate) {
      stats.tooMany += 1;
      req.resume();
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(options.retryAfterSeconds ?? 1),
      });
      res.end(RATE_LIMIT_BODY);
      return;
    }
    if (draw < options.tooManyRate + options.timeoutRate) {
      stats.timeouts += 1;
      req.resume();
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    stats.forwarded += 1;
    forward(target, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    address: () => address,
    stats: () => ({ ...stats }),
    close: async () => {
      for (const res of held) res.destroy();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    {
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  // The target reset the connection (a sandbox fault): reset ours too, so the client sees the same thing.
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}
