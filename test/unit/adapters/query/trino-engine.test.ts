import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTrinoQueryEngine } from '../../../../src/adapters/query/trino.js';
import { TrinoQueryError } from '../../../../src/adapters/query/trino-errors.js';
import { repoRoot } from '../../../helpers/fixtures.js';

// The protocol's edge cases a real Trino rarely shows on demand (503 busy, a hung page), replayed by a tiny
// server around a page recorded from Trino 476. Real-server behaviour: test/integration/trino/.
const recordedPage = readFileSync(
  path.join(repoRoot, 'test', 'fixtures', 'trino', 'typed-values-476.json'),
  'utf8',
);

type Handler = (request: IncomingMessage, response: ServerResponse, base: string) => void;

interface Replay {
  base: string;
  requests: string[];
}

let server: Server | undefined;

async function replay(handler: Handler): Promise<Replay> {
  const requests: string[] = [];
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    handler(request, response, base);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, requests };
}

function json(response: ServerResponse, body: string, status = 200): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
}

afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
});

describe('the Trino query engine, on protocol edge cases', () => {
  it('sends the same request again when Trino answers 503 busy, then follows nextUri to the rows', async () => {
    let busy = 2;
    const { base, requests } = await replay((request, response, url) => {
      if (busy-- > 0) return void response.writeHead(503).end();
      if (request.method === 'POST')
        return json(response, `{"id":"q1","nextUri":"${url}/v1/statement/q1/1"}`);
      json(response, recordedPage);
    });
    const engine = createTrinoQueryEngine({ url: base });

    const result = await engine.query('SELECT ...');

    expect(requests).toEqual([
      'POST /v1/statement',
      'POST /v1/statement',
      'POST /v1/statement',
      'GET /v1/statement/q1/1',
    ]);
    expect(result.rows[0]?.[0]).toBe('2024-02-15T04:07:56.123456');
  });

  it('cancels the query on the server (DELETE nextUri) when it runs past its timeout', async () => {
    const { base, requests } = await replay((request, response, url) => {
      if (request.method === 'POST')
        return json(response, `{"id":"q2","nextUri":"${url}/v1/statement/q2/1"}`);
      if (request.method === 'DELETE') return void response.writeHead(204).end();
      // GET: never answered, as a page of a query that runs for hours.
    });
    const engine = createTrinoQueryEngine({ url: base, timeoutMs: 300 });

    const error = await engine.query('SELECT slow').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TrinoQueryError);
    expect((error as TrinoQueryError).message).toMatch(/q2 timed out after 300 ms; it was cancelled/);
    expect((error as TrinoQueryError).queryId).toBe('q2');
    expect(requests).toContain('DELETE /v1/statement/q2/1');
  });

  it('cancels the query when the caller aborts it, and says so', async () => {
    const { base, requests } = await replay((request, response, url) => {
      if (request.method === 'POST')
        return json(response, `{"id":"q3","nextUri":"${url}/v1/statement/q3/1"}`);
      if (request.method === 'DELETE') return void response.writeHead(204).end();
    });
    const engine = createTrinoQueryEngine({ url: base });
    const controller = new AbortController();

    const running = engine.query('SELECT slow', { signal: controller.signal });
    await expect.poll(() => requests.length).toBe(2);
    controller.abort();

    await expect(running).rejects.toThrow(/q3 was aborted; it was cancelled/);
    expect(requests).toContain('DELETE /v1/statement/q3/1');
  });

  it('reports an HTTP error with its status and body, and cancels the query it leaves behind', async () => {
    const { base, requests } = await replay((request, response, url) => {
      if (request.method === 'POST')
        return json(response, `{"id":"q4","nextUri":"${url}/v1/statement/q4/1"}`);
      if (request.method === 'DELETE') return void response.writeHead(204).end();
      response.writeHead(500).end('proxy exploded');
    });
    const engine = createTrinoQueryEngine({ url: base });

    await expect(engine.query('SELECT 1')).rejects.toThrow(/HTTP 500 to GET .*proxy exploded.*cancelled/);
    expect(requests).toContain('DELETE /v1/statement/q4/1');
  });

  it('says how to start Trino when nothing listens at the URL', async () => {
    const { base } = await replay(() => undefined);
    const closing = server;
    server = undefined;
    await new Promise((resolve) => closing?.close(resolve));
    const engine = createTrinoQueryEngine({ url: base });

    await expect(engine.query('SELECT 1')).rejects.toThrow(
      /could not reach Trino .*ECONNREFUSED.*trino:start/,
    );
  });

  it('refuses queries after close()', async () => {
    const engine = createTrinoQueryEngine({ url: 'http://127.0.0.1:1' });

    await engine.close();

    await expect(engine.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});
