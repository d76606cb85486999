import { randomUUID } from 'node:crypto';
import middy from '@middy/core';
import { loadConfig } from '../src/config.js';
import { searchAreaLabel } from '../src/domain/search-area.js';
import { ingestListings } from '../src/pipeline/ingest-listings.js';
import { handlerConfig } from '../src/runtime/handler-config.js';
import { ingestDepsFor, loggerFor } from '../src/runtime/handler-deps.js';
import type { Logger } from '../src/runtime/logger.js';
import { logInvocation } from '../src/runtime/middleware.js';
import { once } from '../src/runtime/once.js';

const config = once(async () => handlerConfig(process.env));
const deps = once(async () => ingestDepsFor(await config()));
let logger: Logger | undefined;

/** Scheduled entry point: fetches every configured area and produces the raw listings to the topic. */
export const handler = middy(async (event: { id?: string }) => {
  const { areas, ...rest } = await deps();
  const runId = typeof event?.id === 'string' ? event.id : randomUUID();
  return ingestListings({ runId, areas, areaLabel: searchAreaLabel }, rest);
}).use(
  logInvocation('ingest', () => {
    logger ??= loggerFor(loadConfig(process.env));
    return logger;
  }),
);
