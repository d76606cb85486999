import type { Request } from '@middy/core';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/runtime/logger.js';
import { logInvocation } from '../../../src/runtime/middleware.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info', write: (line) => lines.push(JSON.parse(line)) });
  return { lines, logger };
}

const request = (fields: Partial<Request>) =>
  ({
    event: {},
    context: { awsRequestId: 'c0ffee-1' },
    response: undefined,
    error: null,
    internal: {},
    ...fields,
  }) as Request;

describe('logInvocation', () => {
  it("logs a finished invocation's counters with Lambda's request id", async () => {
    const { lines, logger } = capture();
    const middleware = logInvocation('transform', () => logger);

    await middleware.before?.(request({}));
    await middleware.after?.(request({ response: { written: 3, rejected: [1, 2] } }));

    expect(lines).toEqual([
      expect.objectContaining({
        message: 'transform done',
        requestId: 'c0ffee-1',
        written: 3,
        rejectedCount: 2,
      }),
    ]);
  });

  it("logs a failed invocation's code and message with Lambda's request id", async () => {
    const { lines, logger } = capture();
    const middleware = logInvocation('ingest', () => logger);
    const error = Object.assign(new Error('broker gone'), { code: 'REALTY_BUS' });

    await middleware.onError?.(request({ error }));

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        requestId: 'c0ffee-1',
        code: 'REALTY_BUS',
        error: 'broker gone',
      }),
    ]);
  });
});
