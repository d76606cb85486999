import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createRealtorApiSource } from '../../../../src/adapters/listing-source/realtor-api.js';
import { ConfigError } from '../../../../src/errors.js';
import { area90004, collect, sandboxes, sourceFor, startServer } from './source-harness.js';

const KEY = 'k3y-7f9c2d41e8b6a035-SECRET';
const boxes = sandboxes();
afterEach(() => boxes.closeAll());

/** Every way an error could reach a log: inspect (depth, hidden fields), JSON, the stack, the cause chain. */
function everythingAbout(error: unknown): string {
  const parts: string[] = [inspect(error, { depth: null, showHidden: true })];
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    parts.push(e.message, e.stack ?? '', JSON.stringify(e, Object.getOwnPropertyNames(e)));
  }
  return parts.join('\n');
}

describe('the API key never leaves the client', () => {
  it.each([
    ['a wrong key (403)', { apiKey: KEY }, {}],
    ['a reset connection', {}, { faults: { reset: 1 } }],
    ['a timeout', { timeoutMs: 30 }, { faults: { slow: 1 }, slowMs: 1_000 }],
    ['a truncated body', {}, { faults: { truncated: 1 } }],
    ['a 5xx', {}, { faults: { serverError: 1 } }],
    ['a spent budget', { requestBudget: 1, pageSize: 5 }, {}],
  ] as const)('is absent from the error of %s', async (_, clientOptions, sandboxOptions) => {
    const sandbox = await boxes.start({ apiKey: KEY, ...sandboxOptions });
    const notices: unknown[] = [];
    const source = sourceFor(sandbox, {
      retry: { maxAttempts: 2 },
      onRetry: (n) => notices.push(n),
      ...clientOptions,
      apiKey: 'apiKey' in clientOptions ? `${KEY}-wrong` : KEY,
    });

    const { error } = await collect(source, area90004);

    expect(error).toBeDefined();
    expect(everythingAbout(error)).not.toContain(KEY);
    expect(JSON.stringify(notices)).not.toContain(KEY);
  });

  it('redacts the key when the server echoes it in an error body', async () => {
    const server = await startServer((req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `bad request from key ${String(req.headers['x-rapidapi-key'])}` }));
    });
    const source = createRealtorApiSource({ baseUrl: server.url, apiKey: KEY });

    const { error } = await collect(source, area90004);
    await server.close();

    expect(error?.message).toContain('bad request from key [redacted]');
    expect(everythingAbout(error)).not.toContain(KEY);
  });

  it('redacts the key when a network error message would carry it', async () => {
    const server = await startServer((req, res) => {
      // A reply that breaks HTTP framing, with the key in it: the parser's error quotes the bytes it choked on.
      res.socket?.end(
        `HTTP/1.1 200 OK\r\nX-Echo: ${String(req.headers['x-rapidapi-key'])}\r\nContent-Length: nope\r\n\r\n`,
      );
    });
    const source = createRealtorApiSource({ baseUrl: server.url, apiKey: KEY, retry: { maxAttempts: 1 } });

    const { error } = await collect(source, area90004);
    await server.close();

    expect(error).toBeDefined();
    expect(everythingAbout(error)).not.toContain(KEY);
  });

  it('is absent from the ConfigError of bad options', () => {
    const act = () =>
      createRealtorApiSource({ baseUrl: `http://x/${KEY}`.replace('http://', 'nope'), apiKey: KEY });

    expect(act).toThrow(ConfigError);
    try {
      act();
    } catch (error) {
      expect(everythingAbout(error)).not.toContain(KEY);
    }
  });
});
