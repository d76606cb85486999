import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadFixture } from '../../../helpers/fixtures.js';

interface V3Page {
  data: { home_search: { total: number; count: number; results: Record<string, unknown>[] } };
}

/** The real `POST /properties/v3/list` page of 10 results (../shared/fixtures, 90004 for sale). */
export function realPage(): V3Page {
  return loadFixture<V3Page>('realtor-api', 'realty-in-us_v3_list_90004_for_sale_limit10_renty.json');
}

/** A loopback API answering every list request with `pageFor(offset, n)`: a misbehaving Realtor API. */
export async function startScriptedApi(
  pageFor: (offset: number, request: number) => V3Page,
): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const server = createServer((req, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const offset = Number((JSON.parse(body) as { offset?: number }).offset ?? 0);
      const page = JSON.stringify(pageFor(offset, requests++));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(page) });
      res.end(page);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
