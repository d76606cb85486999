import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createRealtorApiSource,
  type RealtorApiOptions,
} from '../../../../src/adapters/listing-source/realtor-api.js';
import { type Sandbox, startSandbox } from '../../../../src/local/sandbox/sandbox.js';
import type { SandboxOptions } from '../../../../src/local/sandbox/sandbox-options.js';
import type { ListingSource, SearchArea, SourcePage } from '../../../../src/ports/listing-source.js';

/** A clock the test moves: the sandbox's rate limiter and the client's sleeps share it. */
export function manualClock(startMs = Date.UTC(2024, 1, 15, 12, 0, 0, 250)) {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    now: () => now,
    /** A sleep that moves the clock instead of waiting, and remembers what it was asked. */
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

export const area90004: SearchArea = {
  kind: 'postal_code',
  postalCode: '90004',
  statuses: ['for_sale', 'sold', 'for_rent'],
};

/** Starts sandboxes and closes them after each test. */
export function sandboxes() {
  const running: Sandbox[] = [];
  return {
    start: async (options: SandboxOptions = {}) => {
      const sandbox = await startSandbox({ rateLimitPerSecond: 0, ...options });
      running.push(sandbox);
      return sandbox;
    },
    closeAll: async () => {
      await Promise.all(running.splice(0).map((s) => s.close()));
    },
  };
}

/** A client for `sandbox` that never really sleeps. */
export function sourceFor(sandbox: Sandbox, options: Partial<RealtorApiOptions> = {}): ListingSource {
  return createRealtorApiSource({
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    host: sandbox.host,
    sleep: async () => {},
    random: () => 0.5,
    ...options,
  });
}

/** Every page of an area, or the error that ended the paging (with the pages before it). */
export async function collect(source: ListingSource, area: SearchArea, signal?: AbortSignal) {
  const pages: SourcePage[] = [];
  try {
    for await (const page of source.pages(area, signal ? { signal } : {})) pages.push(page);
    return { pages, error: undefined };
  } catch (error) {
    return { pages, error: error as Error };
  }
}

/** A tiny real HTTP server for answers the sandbox does not give; closed by the returned function. */
export async function startServer(
  answer: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
