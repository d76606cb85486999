import { createRealtorApiSource } from '../adapters/listing-source/realtor-api.js';
import { encoderByName } from '../adapters/parquet/encoder-by-name.js';
import type { RealtyConfig } from '../config.js';
import { parseSearchAreas } from '../domain/search-area.js';
import { ConfigError } from '../errors.js';
import type { IngestDeps } from '../pipeline/ingest-listings.js';
import { ensureRawTable } from '../pipeline/raw-table.js';
import type { TransformDeps } from '../pipeline/transform-batch.js';
import { systemClock } from '../ports/clock.js';
import type { ListingSource, SearchArea } from '../ports/listing-source.js';
import { catalogFor, storeFor } from './assemble.js';
import { apiKeyFromSsm } from './aws.js';
import { openBus, topicCreatedAtStart } from './bus.js';
import { createLogger, type Logger } from './logger.js';

/** The logger of a configuration, redacting its secrets. */
export function loggerFor(config: RealtyConfig): Logger {
  const secrets = [config.apiKey, config.kafkaPassword].filter((s): s is string => typeof s === 'string');
  return createLogger({ level: config.logLevel, secrets });
}

/** The transform's ports as the configuration names them: the Lambda handler's and the local trigger's. */
export function transformPortsFor(config: RealtyConfig): TransformDeps {
  return {
    store: storeFor(config),
    catalog: catalogFor(config),
    encoder: encoderByName(config.parquetEncoder),
    clock: systemClock,
    database: config.database,
  };
}

/** What the transform handler needs, built once per container; listings_raw is created if missing. */
export async function transformDepsFor(config: RealtyConfig): Promise<TransformDeps> {
  const deps = transformPortsFor(config);
  await ensureRawTable(deps.catalog, config.database);
  return deps;
}

/** The Realtor API client the configuration names, at `endpoint` (the real API, or the sandbox's address). */
export function listingSourceFor(
  config: RealtyConfig,
  endpoint: { baseUrl: string; apiKey: string; host: string },
  clock?: () => number,
): ListingSource {
  return createRealtorApiSource({
    ...endpoint,
    pageSize: config.apiPageSize,
    timeoutMs: config.apiTimeoutMs,
    requestBudget: config.apiRequestBudget,
    ...(clock ? { clock } : {}),
  });
}

/** What the ingest handler needs: the Realtor API (key from the environment), the bus and the areas to search. */
export async function ingestDepsFor(config: RealtyConfig): Promise<IngestDeps & { areas: SearchArea[] }> {
  // The key comes from the environment, or in AWS from the SSM parameter the stack names (never the template).
  const apiKey = config.apiKey ?? (config.apiKeyParameter ? await apiKeyFromSsm(config) : undefined);
  if (!apiKey) {
    throw new ConfigError(
      'REALTY_API_KEY is not set; put the RapidAPI key in the environment, or name the SSM SecureString parameter holding it in REALTY_API_KEY_PARAMETER (docs/deploy.md, step 2)',
    );
  }
  const areas = parseSearchAreas(config.searchAreas);
  if (areas.length === 0) {
    throw new ConfigError(
      'REALTY_SEARCH_AREAS is empty; name at least one area, e.g. "postal:90004:for_sale,sold"',
    );
  }
  const bus = await openBus(config);
  const producer = bus.producer();
  const topic = topicCreatedAtStart(config);
  if (topic) await producer.ensureTopic(topic);
  return {
    areas,
    source: listingSourceFor(config, {
      baseUrl: config.apiUrl ?? `https://${config.apiHost}`,
      apiKey,
      host: config.apiHost,
    }),
    producer,
    store: storeFor(config),
    topic: config.topic,
    clock: systemClock,
  };
}
