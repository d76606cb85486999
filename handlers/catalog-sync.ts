import middy from '@middy/core';
import { loadConfig } from '../src/config.js';
import { parseGlueJobStateChange, syncCatalog } from '../src/pipeline/sync-catalog.js';
import { awsCatalog, awsStore } from '../src/runtime/aws.js';
import { createLogger, type Logger } from '../src/runtime/logger.js';
import { logInvocation } from '../src/runtime/middleware.js';
import { once } from '../src/runtime/once.js';

let logger: Logger | undefined;
const log = () => {
  logger ??= createLogger({ level: loadConfig(process.env).logLevel });
  return logger;
};
const deps = once(async () => {
  const config = loadConfig(process.env);
  return {
    catalog: awsCatalog(config),
    store: awsStore(config),
    database: config.database,
    jobName: config.glueJobName,
    // The stack's metric filter counts these lines; the alarm on it pages whoever owns the pipeline.
    reportFailure: (failure: Record<string, string>) => log().error('compaction run failed', failure),
  };
});

/** "Glue Job State Change" entry point: registers curated partitions after a successful compaction run. */
export const handler = middy(async (event: unknown) =>
  syncCatalog(parseGlueJobStateChange(event), await deps()),
).use(logInvocation('catalog-sync', log));
