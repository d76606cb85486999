import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Limits AWS enforces that moto does not; the proxy applies them in front of moto. */
export interface AwsLimits {
  /** GetPartitions page size (Glue pages; moto answers in one page). */
  partitionsPerPage: number;
  /** GetQueryResults page size when the caller asks for more (Athena pages by MaxResults, at most 1000). */
  resultRowsPerPage: number;
}

/** One call the proxy saw: its X-Amz-Target (JSON APIs) or method and path (S3). */
export interface SeenCall {
  target: string;
  status: number;
}

/**
 * An HTTP proxy in front of moto that applies AWS's documented limits moto skips: BatchCreatePartition takes
 * at most 100 partitions (ValidationException above), GetPartitions and GetQueryResults answer in pages with
 * NextToken, GetQueryResults refuses MaxResults over 1000. It can also answer the next requests with 503
 * SlowDown, as S3 does under load. The SDK talks to it exactly as to AWS.
 */
export async function startAwsLimitsProxy(upstream: string, limits: AwsLimits) {
  const calls: SeenCall[] = [];
  let failNext = 0;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const target = String(request.headers['x-amz-target'] ?? `${request.method} ${request.url}`);
    const reply = (status: number, payload: string | Buffer, headers: Record<string, string>) => {
      calls.push({ target, status });
      response.writeHead(status, headers).end(payload);
    };
    if (failNext > 0) {
      failNext -= 1;
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
      return reply(503, xml, { 'content-type': 'application/xml' });
    }
    const json =
      target.includes('.') && !target.includes(' ') ? JSON.parse(body.toString() || '{}') : undefined;
    const rejection = json ? limitViolation(target, json) : undefined;
    if (rejection)
      return reply(400, JSON.stringify(rejection), { 'content-type': 'application/x-amz-json-1.1' });
    const forwarded = json ? withoutToken(target, json) : body;
    const upstreamResponse = await fetch(`${upstream}${request.url}`, {
      method: request.method ?? 'GET',
      headers: forwardHeaders(request),
      ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: forwarded }),
    });
    const text = Buffer.from(await upstreamResponse.arrayBuffer());
    const headers = Object.fromEntries(
      [...upstreamResponse.headers].filter(
        ([k]) => k !== 'content-length' && k !== 'transfer-encoding' && k !== 'content-encoding',
      ),
    );
    const paged =
      json && upstreamResponse.ok ? page(target, json, JSON.parse(text.toString() || '{}')) : undefined;
    return reply(upstreamResponse.status, paged ? JSON.stringify(paged) : text, headers);
  }

  function page(target: string, request: Record<string, unknown>, result: Record<string, unknown>) {
    const start = Number(request['NextToken'] ?? 0);
    if (target === 'AWSGlue.GetPartitions') {
      const all = (result['Partitions'] as unknown[]) ?? [];
      return pageOf(all, start, limits.partitionsPerPage, (items, next) => ({
        ...result,
        Partitions: items,
        ...next,
      }));
    }
    if (target === 'AmazonAthena.GetQueryResults') {
      const set = result['ResultSet'] as { Rows?: unknown[] };
      const size = Math.min(Number(request['MaxResults'] ?? 1000), limits.resultRowsPerPage);
      return pageOf(set.Rows ?? [], start, size, (items, next) => ({
        ...result,
        ResultSet: { ...set, Rows: items },
        ...next,
      }));
    }
    return undefined;
  }

  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    /** Answers the next `count` requests with 503 SlowDown. */
    failNextRequests(count: number) {
      failNext = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function pageOf(
  all: unknown[],
  start: number,
  size: number,
  build: (items: unknown[], next: { NextToken?: string }) => unknown,
) {
  const end = start + size;
  return build(all.slice(start, end), end < all.length ? { NextToken: String(end) } : {});
}

/** The error AWS answers for a request over its limits, or undefined. */
function limitViolation(target: string, request: Record<string, unknown>) {
  const list = request['PartitionInputList'];
  if (target === 'AWSGlue.BatchCreatePartition' && Array.isArray(list) && list.length > 100) {
    return {
      __type: 'ValidationException',
      message: `1 validation error detected: Value at 'partitionInputList' failed to satisfy constraint: Member must have length less than or equal to 100`,
    };
  }
  if (target === 'AmazonAthena.GetQueryResults' && Number(request['MaxResults'] ?? 0) > 1000) {
    return {
      __type: 'InvalidRequestException',
      Message: 'MaxResults is more than maximum allowed length 1000',
    };
  }
  return undefined;
}

/** The request moto sees: paging tokens are the proxy's, so moto gets the first-page request. */
function withoutToken(target: string, request: Record<string, unknown>): string {
  if (target !== 'AWSGlue.GetPartitions' && target !== 'AmazonAthena.GetQueryResults')
    return JSON.stringify(request);
  const { NextToken: _token, ...rest } = request;
  return JSON.stringify(rest);
}

function forwardHeaders(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'host' || name === 'content-length' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
