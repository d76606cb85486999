import type { MiddlewareObj } from '@middy/core';
import type { Logger } from './logger.js';

/**
 * Logs one line per invocation: its outcome's counters on success, the error's code and message on failure,
 * each with Lambda's request id (`requestId`), so a line can be found from the invocation's REPORT line.
 */
export function logInvocation(name: string, logger: () => Logger): MiddlewareObj {
  let startedAt = 0;
  return {
    before: () => {
      startedAt = Date.now();
    },
    after: (request) => {
      const outcome = request.response as Record<string, unknown> | undefined;
      logger().info(`${name} done`, {
        requestId: requestIdOf(request.context),
        durationMs: Date.now() - startedAt,
        ...countersOf(outcome),
      });
    },
    onError: (request) => {
      const error = request.error as (Error & { code?: string }) | null;
      logger().error(`${name} failed`, {
        requestId: requestIdOf(request.context),
        durationMs: Date.now() - startedAt,
        code: error?.code ?? 'UNEXPECTED',
        error: error?.message ?? String(error),
      });
    },
  };
}

function countersOf(outcome: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!outcome) return {};
  const counters: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outcome)) {
    if (typeof value === 'number') counters[key] = value;
    else if (Array.isArray(value)) counters[`${key}Count`] = value.length;
  }
  return counters;
}

function requestIdOf(context: unknown): string | undefined {
  const id = (context as { awsRequestId?: unknown } | undefined)?.awsRequestId;
  return typeof id === 'string' ? id : undefined;
}
