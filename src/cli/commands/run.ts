import { type Command, Option } from 'commander';
import type { SettingKey } from '../../config-settings.js';
import { FIRST_RUN_DAYS } from '../../local/market-state.js';
import { addSettingOptions } from '../setting-options.js';

export const RUN_KEYS: readonly SettingKey[] = [
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
        `market days to ingest (default: ${FIRST_RUN_DAYS} on the first run over the sandbox, a backfill so every view has a week to compare; 1 after)`,
      ),
    );
  addSettingOptions(command, RUN_KEYS);
  // The pipeline, the adapters and the fault tooling load when `realty run` runs, not at start-up.
  command.action(async (options: Record<string, unknown>) => {
    const { runAction } = await import('./run-action.js');
    await runAction(options);
  });
}
