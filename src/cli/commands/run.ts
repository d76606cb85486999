import { type Command, Option } from 'commander';
import { loadConfig } from '../../config.js';
import type { SettingKey } from '../../config-settings.js';
import { UsageError } from '../../errors.js';
import { FIRST_RUN_DAYS } from '../../local/market-state.js';
import { type RunSummary, runLocalPipeline } from '../../local/run-pipeline.js';
import { openQueryEngine } from '../../runtime/query-engine.js';
import { checkTrinoReachable } from '../../runtime/trino.js';
import { finishRun, type RunFinish } from '../finish-run.js';
import { formatResult } from '../format-result.js';
import { progressLine, writeOut } from '../output.js';
import { describeFaults, faultSessionFor } from '../run-faults.js';
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
  'trinoUrl',
  'trinoUser',
  'trinoTimeoutMs',
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
  'faults',
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
    .option('--no-compact', 'skip the compaction into listings_history/listings_current at the end')
    .addOption(
      new Option(
        '--days <n>',
        `market days to ingest (default: the sandbox market backfilled through today: ${FIRST_RUN_DAYS} days ending today on the first run, so every view has a week to compare; the missing days up to today after)`,
      ),
    );
  addSettingOptions(command, KEYS);
  command.action(async (options: Record<string, unknown>) => {
    const flags = settingFlags(options, KEYS);
    // Per-batch info lines suit Lambda's logs, not a terminal: the run prints its own summary.
    if (flags.logLevel === undefined && !process.env['REALTY_LOG_LEVEL']) flags.logLevel = 'warn';
    const config = loadConfig(process.env, flags);
    const days = options['days'] === undefined ? undefined : parseDays(String(options['days']));
    if (days !== undefined && days > 1 && config.apiUrl) {
      throw new UsageError(
        `--days ${days} needs the sandbox: a real API (--api-url) has one market day, today; drop --days`,
      );
    }
    // The run ends by syncing Trino: a Trino that is not there is reported before the run, not after it.
    if (config.engine === 'trino') await checkTrinoReachable(config);
    const faults = faultSessionFor(config, flags.faults !== undefined);
    const bars = { ingest: progressLine('ingest   '), transform: progressLine('transform') };
    const summary = await runLocalPipeline(config, {
      days: days ?? 'auto',
      onProgress: (p) => bars[p.stage].update(p.done, p.total),
      ...(faults ? { faults } : {}),
    });
    bars.ingest.end();
    bars.transform.end();
    const finish = await finishRun(config, summary.runId, { compact: options['compact'] !== false });
    if (options['json']) {
      await writeOut(JSON.stringify({ ...summary, ...finish }));
    } else {
      await writeOut(`${describeSummary(summary, config.dataDir)}\n${describeFinish(finish)}`);
      const engine = await openQueryEngine(config);
      try {
        await writeOut(
          `\nSample query (realty query "..."):\n${formatResult(await engine.query(SAMPLE_QUERY), 'table')}`,
        );
      } finally {
        await engine.close();
      }
    }
    if (summary.failedAreas.length > 0 || finish.reconciliation.lost > 0) process.exitCode = 1;
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
  if (s.daysAfterToday > 0)
    lines.push(
      `  note           ${s.daysAfterToday} market day(s) after today, simulated ahead of the calendar because --days asked for them`,
    );
  if (s.faults) lines.push(describeFaults(s.faults));
  for (const failure of s.failedAreas)
    lines.push(`  FAILED area ${failure.area}: ${failure.message} [${failure.code}]`);
  if (s.failedAreas.length > 0)
    lines.push(
      `  market day ${s.marketDates.at(-1)} is not complete: run \`realty run\` again to fetch it again (what was produced is kept; the curated tables drop the copies)`,
    );
  return lines.join('\n');
}

function describeFinish(finish: RunFinish): string {
  const lines: string[] = [];
  const c = finish.compaction;
  if (c) {
    const tables = c.tables.map((t) => `${t.name} ${t.rows} rows in ${t.files} file(s)`).join(', ');
    lines.push(
      `  compacted      ${c.rawFiles} raw file(s), ${c.rawRows} rows (${c.rowsDeduped} duplicate(s) dropped) -> ${tables}`,
    );
  }
  lines.push(`  views          ${finish.views.join(', ')}`);
  if (finish.trino) lines.push(`  trino          ${trinoText(finish.trino)}`);
  const r = finish.reconciliation;
  lines.push(
    `  reconcile      fetched ${r.fetched}, raw ${r.raw}, dead-lettered ${r.deadLettered}, curated ${curatedText(r.curated)}, lost ${r.lost}, duplicated ${r.duplicated}`,
  );
  return lines.join('\n');
}

function curatedText(curated: RunFinish['reconciliation']['curated']): string {
  if (!curated) return 'n/a';
  const history = curated.history ? `history ${curated.history.present}` : 'history n/a';
  const current = curated.current ? `current ${curated.current.present}` : 'current n/a';
  return `(${history}, ${current})`;
}

function trinoText(trino: NonNullable<RunFinish['trino']>): string {
  const tables = trino.tables.map((t) => `${t.name} ${t.action}, ${t.partitionsAdded} new partition(s)`);
  return `synced ${tables.join('; ')}; ${trino.views.length} view(s)`;
}
