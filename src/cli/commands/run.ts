import { type Command, Option } from 'commander';
import { loadConfig } from '../../config.js';
import type { SettingKey } from '../../config-settings.js';
import { UsageError } from '../../errors.js';
import { type RunSummary, runLocalPipeline } from '../../local/run-pipeline.js';
import { openQueryEngine } from '../../runtime/query-engine.js';
import { formatResult } from '../format-result.js';
import { progressLine, writeOut } from '../output.js';
import { addSettingOptions, settingFlags } from '../setting-options.js';

const KEYS: readonly SettingKey[] = [
  'dataDir',
  'bus',
  'kafkaBrokers',
  'kafkaAuth',
  'kafkaAllowPlaintext',
  'topic',
  'topicPartitions',
  'consumerGroup',
  'store',
  'bucket',
  's3Endpoint',
  'catalog',
  'glueEndpoint',
  'region',
  'database',
  'engine',
  'parquetEncoder',
  'apiUrl',
  'apiHost',
  'apiPageSize',
  'apiTimeoutMs',
  'apiRequestBudget',
  'searchAreas',
  'batchSize',
  'batchWindowSeconds',
  'maxRetryAttempts',
  'maxRecordAgeSeconds',
  'bisectOnError',
  'listings',
  'seed',
  'logLevel',
];

const SAMPLE_QUERY = `SELECT state, count(*) AS listings, count(DISTINCT postal_code) AS zips,
  CAST(round(avg(list_price)) AS BIGINT) AS avg_list_price
FROM listings_raw GROUP BY state ORDER BY listings DESC, state LIMIT 10`;

/** `realty run`: the whole pipeline on embedded defaults, one market day per run. */
export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description(
      'Fetch listings (the built-in sandbox by default), stream them through the log, write Parquet, query',
    )
    .option('--json', 'print the summary as one JSON object')
    .addOption(
      new Option('--days <n>', 'market days to ingest in this run (each run is one simulated day)').default(
        '1',
      ),
    );
  addSettingOptions(command, KEYS);
  command.action(async (options: Record<string, unknown>) => {
    const flags = settingFlags(options, KEYS);
    // Per-batch info lines suit Lambda's logs, not a terminal: the run prints its own summary.
    if (flags.logLevel === undefined && !process.env['REALTY_LOG_LEVEL']) flags.logLevel = 'warn';
    const config = loadConfig(process.env, flags);
    const days = parseDays(String(options['days']));
    const bars = { ingest: progressLine('ingest   '), transform: progressLine('transform') };
    const summary = await runLocalPipeline(config, {
      days,
      onProgress: (p) => bars[p.stage].update(p.done, p.total),
    });
    bars.ingest.end();
    bars.transform.end();
    if (options['json']) {
      await writeOut(JSON.stringify(summary));
    } else {
      await writeOut(describeSummary(summary, config.dataDir));
      const engine = await openQueryEngine(config);
      try {
        await writeOut(
          `\nSample query (realty query "..."):\n${formatResult(await engine.query(SAMPLE_QUERY), 'table')}`,
        );
      } finally {
        await engine.close();
      }
    }
    if (summary.failedAreas.length > 0) process.exitCode = 1;
  });
}

function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new UsageError(`--days must be a whole number from 1 to 365, got ${JSON.stringify(text)}`);
  }
  return days;
}

function describeSummary(s: RunSummary, dataDir: string): string {
  const reconciled = s.fetched === s.written + s.deadLettered ? 'reconciled' : 'NOT reconciled';
  const lines = [
    `realty run ${s.runId} on ${s.bus}: market day(s) ${s.marketDates.join(', ')}`,
    `  fetched        ${s.fetched} listings in ${s.requests} API requests (${s.retries} retries, ${s.rateLimited} rate-limited)`,
    `  produced       ${s.produced}`,
    `  written        ${s.written} to Parquet in ${s.files} file(s), ${s.partitionsAdded} new partition(s)`,
    `  dead-lettered  ${s.deadLettered} (${s.invalid} invalid, ${s.onFailure} after retries)`,
    `  fetched = written + dead-lettered: ${reconciled}`,
    `  ${s.esm.invocations} transform invocation(s), ${s.esm.retries} retried; ${(s.durationMs / 1000).toFixed(1)} s; data in ${dataDir}`,
  ];
  for (const failure of s.failedAreas)
    lines.push(`  FAILED area ${failure.area}: ${failure.message} [${failure.code}]`);
  return lines.join('\n');
}
