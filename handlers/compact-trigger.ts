import middy from '@middy/core';
import { loadConfig } from '../src/config.js';
import { parseScheduledEvent, startCompaction } from '../src/pipeline/start-compaction.js';
import { glueJobRunner } from '../src/runtime/aws.js';
import { createLogger, type Logger } from '../src/runtime/logger.js';
import { logInvocation } from '../src/runtime/middleware.js';
import { once } from '../src/runtime/once.js';

const deps = once(async () => {
  const config = loadConfig(process.env);
  return {
    jobs: glueJobRunner(config),
    jobName: config.glueJobName,
    lookbackDays: config.compactLookbackDays,
  };
});
let logger: Logger | undefined;

/** Scheduled entry point: starts the Glue compaction job over the last days' raw partitions, unless a run is active. */
export const handler = middy(async (event: unknown) =>
  startCompaction(parseScheduledEvent(event), await deps()),
).use(
  logInvocation('compact-trigger', () => {
    logger ??= createLogger({ level: loadConfig(process.env).logLevel });
    return logger;
  }),
);
