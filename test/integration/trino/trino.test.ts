import { afterAll, beforeAll } from 'vitest';
import { describeTrinoCatalogSync } from './catalog-sync-suite.js';
import { describeTrinoCli } from './cli-suite.js';
import { describeCrossEngine } from './cross-engine-suite.js';
import type { TrinoServer } from './helpers/trino-server.js';
import { startTrinoServer } from './helpers/trino-server.js';
import { describeTrinoProtocol } from './protocol-suite.js';

// Every Trino suite runs in this one file so a test run pays for one server start (20 s to minutes on a
// busy 2-core machine). Add new Trino suites here, not as new *.test.ts files.
let server: TrinoServer | undefined;

function running(): TrinoServer {
  if (!server) throw new Error('Trino did not start; see the beforeAll error above');
  return server;
}

beforeAll(async () => {
  server = await startTrinoServer();
}, 600_000);

afterAll(async () => {
  await server?.stop();
}, 60_000);

describeTrinoProtocol(running);
describeTrinoCatalogSync(running);
describeCrossEngine(running);
describeTrinoCli(running);
