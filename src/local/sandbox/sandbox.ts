import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UsageError } from '../../errors.js';
import type { SearchArea } from '../../ports/listing-source.js';
import type { RequestFault } from './faults.js';
import { createSandboxHandler, type SandboxState, type SandboxStats } from './sandbox-handler.js';
import { resolveSandboxOptions, type SandboxOptions } from './sandbox-options.js';
import { ZIP_TABLE } from './zip-table.js';

export type { RequestFault } from './faults.js';
export type { SandboxStats } from './sandbox-handler.js';
export type { SandboxOptions } from './sandbox-options.js';

/** A running Realtor API sandbox. */
export interface Sandbox {
  /** Base URL to give the client, e.g. http://127.0.0.1:40123 (the API path is /properties/v3/list). */
  url: string;
  /** The key the sandbox accepts as X-RapidAPI-Key. */
  apiKey: string;
  /** The X-RapidAPI-Host the sandbox expects. */
  host: string;
  /** One area per ZIP code of the market, asking for for_sale, for_rent and sold. */
  areas: SearchArea[];
  /** Moves the market on by `days` whole days: new listings, price cuts, contracts, sales. */
  advanceDays(days: number): void;
  /** Applies these faults, in order, to the next requests. */
  queueFaults(faults: readonly RequestFault[]): void;
  stats(): SandboxStats;
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1: a local HTTP server speaking the Realty in US `POST /properties/v3/list`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config = resolveSandboxOptions(options);
  const state: SandboxState = {
    day: 0,
    requestNumber: 0,
    faultQueue: [...config.faultScript],
    stats: emptyStats(),
    waits: new Set(),
  };
  const handle = createSandboxHandler(config, state);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the sandbox must show up as a 500 in the client, not as a hung request.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          message: `sandbox failure: ${error instanceof Error ? error.message : String(error)}`,
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey: config.apiKey,
    host: config.host,
    areas: ZIP_TABLE.map((zip) => ({
      kind: 'postal_code',
      postalCode: zip.postalCode,
      statuses: ['for_sale', 'for_rent', 'sold'],
    })),
    advanceDays(days) {
      if (!Number.isInteger(days) || days < 0) {
        throw new UsageError(`advanceDays needs a whole number of days, 0 or more; got ${days}`);
      }
      state.day += days;
    },
    queueFaults(faults) {
      state.faultQueue.push(...faults);
    },
    stats: () => structuredClone({ ...state.stats, day: state.day }),
    close: () => closeServer(server, state),
  };
}

async function closeServer(server: ReturnType<typeof createServer>, state: SandboxState): Promise<void> {
  for (const release of [...state.waits]) release();
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeAllConnections();
  await closed;
}

function emptyStats(): SandboxStats {
  return {
    day: 0,
    requests: 0,
    served: 0,
    results: 0,
    unauthorized: 0,
    rateLimited: 0,
    badRequests: 0,
    faults: { server_error: 0, slow: 0, truncated: 0, malformed: 0, reset: 0 },
    drifted: { missing: 0, renamed: 0, wrong_type: 0 },
  };
}
