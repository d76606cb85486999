/**
 * end to end: `realty run` over a sandbox market of `endToEndListings` homes on the embedded defaults, from the
 * first API request to rows DuckDB can query (a count over listings_raw answers), in listings/s, with the share
 * of time per stage. Baseline: the same sandbox (same rate limit) serving the same market to the bare client.
 */
import path from 'node:path';
import { createRealtorApiSource } from '../src/adapters/listing-source/realtor-api.js';
import { createDuckDbQueryEngine } from '../src/adapters/query/duckdb.js';
import { loadConfig } from '../src/config.js';
import { type RunProgress, runLocalPipeline } from '../src/local/run-pipeline.js';
import { startSandbox } from '../src/local/sandbox/sandbox.js';
import { localCatalog, localStore } from '../src/runtime/local.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { startRssSampler } from './lib/rss-sampler.js';
import { perSecond } from './lib/timing.js';
import { DEFAULT_ENCODER } from './transform.js';

/** Runs the pipeline once, then asks DuckDB for the rows; every stage timed on the wall clock. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const listings = options.sizes.endToEndListings;
  const fetchRate = await fetchOnlyRate(listings);
  const config = loadConfig({
    REALTY_DATA_DIR: path.join(options.workDir, 'data'),
    REALTY_LISTINGS: String(listings),
    REALTY_LOG_LEVEL: 'warn',
  });
  options.log(
    `end-to-end: realty run over a market of ${listings} listings (${config.parquetEncoder} encoder)`,
  );
  const rss = startRssSampler();
  const started = performance.now();
  let transformStarted = 0;
  const onProgress = (progress: RunProgress) => {
    if (progress.stage === 'transform' && transformStarted === 0) transformStarted = performance.now();
  };
  const summary = await runLocalPipeline(config, { onProgress });
  const ran = performance.now();
  const rows = await countRows(config);
  const queryable = performance.now();
  rss.stop();
  if (rows !== summary.written)
    throw new Error(`DuckDB counts ${rows} rows, the run wrote ${summary.written}`);
  const totalMs = queryable - started;
  const shares = {
    ingest: (transformStarted || ran) - started,
    transform: ran - (transformStarted || ran),
    query: queryable - ran,
  };
  options.log(
    `  ${summary.fetched} fetched, ${summary.written} written in ${summary.files} files, ` +
      `${(totalMs / 1000).toFixed(1)} s; stages: ${Object.entries(shares)
        .map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(1)} s (${Math.round((100 * ms) / totalMs)}%)`)
        .join(', ')}; peak RSS ${rss.peakMb().toFixed(0)} MB`,
  );
  return [
    figure({
      name: 'end-to-end',
      value: round(perSecond(summary.fetched, totalMs), 0),
      unit: `listings/s (wall, ${summary.fetched} listings, ${DEFAULT_ENCODER})`,
      baseline: 'sandbox fetch only, same rate limit',
      baselineValue: round(fetchRate, 0),
    }),
    ...Object.entries(shares).map(([stage, ms]) =>
      figure(
        {
          name: `end-to-end-share-${stage}`,
          value: round((100 * ms) / totalMs, 1),
          unit: '% of the run',
          baseline: 'whole run',
          baselineValue: 100,
        },
        'lowerIsBetter',
      ),
    ),
  ];
}

/** Listings/s the same market is served at to the bare client, with `realty run`'s sandbox rate limit. */
async function fetchOnlyRate(listings: number): Promise<number> {
  const sandbox = await startSandbox({ listings, seed: 42 });
  try {
    const source = createRealtorApiSource({
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      host: sandbox.host,
    });
    const started = performance.now();
    let count = 0;
    for (const area of sandbox.areas)
      for await (const page of source.pages(area)) count += page.results.length;
    return perSecond(count, performance.now() - started);
  } finally {
    await sandbox.close();
  }
}

async function countRows(config: ReturnType<typeof loadConfig>): Promise<number> {
  const engine = createDuckDbQueryEngine({
    catalog: localCatalog(config),
    store: localStore(config),
    database: config.database,
  });
  try {
    const result = await engine.query('SELECT count(*) FROM listings_raw');
    return Number(result.rows[0]?.[0]);
  } finally {
    await engine.close();
  }
}
