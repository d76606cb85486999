import middy from '@middy/core';
import { loadConfig } from '../src/config.js';
import { parseMskEvent } from '../src/msk/msk-event.js';
import { type TransformDeps, transformBatch } from '../src/pipeline/transform-batch.js';
import { handlerConfig } from '../src/runtime/handler-config.js';
import { loggerFor, transformDepsFor } from '../src/runtime/handler-deps.js';
import type { Logger } from '../src/runtime/logger.js';
import { logInvocation } from '../src/runtime/middleware.js';
import { once } from '../src/runtime/once.js';

/** The transform Lambda over any deps: the embedded runtime and tests pass their own. */
export function createTransformHandler(deps: () => Promise<TransformDeps>, logger: () => Logger) {
  return middy(async (event: unknown) => transformBatch(parseMskEvent(event), await deps())).use(
    logInvocation('transform', logger),
  );
}

const config = once(async () => handlerConfig(process.env));
const deps = once(async () => transformDepsFor(await config()));
let logger: Logger | undefined;

/** MSK trigger entry point: returns batchItemFailures (ReportBatchItemFailures) plus the batch's counters. */
export const handler = createTransformHandler(deps, () => {
  logger ??= loggerFor(loadConfig(process.env));
  return logger;
});
