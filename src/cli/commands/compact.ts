import { type Command, Option } from 'commander';
import { parsePartitionList } from '../../compaction/compaction-scope.js';
import { loadConfig } from '../../config.js';
import type { SettingKey } from '../../config-settings.js';
import type { CompactListingsOutcome } from '../../pipeline/compact-listings.js';
import { checkDataDir } from '../../runtime/data-dir.js';
import { progressLine, writeOut } from '../output.js';
import { addSettingOptions, settingFlags } from '../setting-options.js';

const KEYS: readonly SettingKey[] = [
  'dataDir',
  'store',
  'bucket',
  's3Endpoint',
  'catalog',
  'glueEndpoint',
  'region',
  'database',
  'targetFileBytes',
  'sparkPython',
  'sparkJavaHome',
  'logLevel',
];

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  const power = Math.min(units.length, Math.floor(Math.log(bytes) / Math.log(1024)));
  return `${(bytes / 1024 ** power).toFixed(1)} ${units[power - 1]}`;
}

/** The summary lines of a compaction: raw files before, curated files after, copies dropped. */
export function formatCompaction(outcome: CompactListingsOutcome): string {
  const { manifest, summary } = outcome;
  if (!manifest || !summary)
    return 'compact: nothing new to compact (no raw file arrived since the last run)';
  const earliest = manifest.scope.map((s) => s.fromDt).sort()[0];
  const scope =
    manifest.scope.length <= 3
      ? manifest.scope.map((s) => `${s.state} from ${s.fromDt}`).join(', ')
      : `${manifest.scope.length} states from ${earliest}`;
  const seconds = (Date.parse(manifest.finishedAt) - Date.parse(manifest.startedAt)) / 1000;
  const lines = [
    `compact: ${manifest.engine} run ${manifest.runId} recompacted ${scope} in ${seconds.toFixed(1)} s`,
    `  raw (before)      ${summary.rawFiles} files, ${size(summary.rawBytes)}, ${summary.rawRows} rows, ${summary.rowsDeduped} duplicate rows dropped`,
    ...summary.tables.map(
      (t) =>
        `  ${t.name.padEnd(17)} ${t.files} files, ${size(t.bytes)}, ${t.rows} rows in ${t.partitions} partitions`,
    ),
    `  catalog           ${outcome.partitionsRegistered} new partitions registered`,
  ];
  return lines.join('\n');
}

/** `realty compact [--engine duckdb|spark]`: raw/ into curated listings_history and listings_current. */
export function registerCompact(program: Command): void {
  const command = program
    .command('compact')
    .description(
      'Compact raw listings into listings_history and listings_current (deduplicated, right-sized files)',
    )
    .addOption(
      new Option(
        '--engine <engine>',
        'compaction engine; env REALTY_COMPACT_ENGINE (default: duckdb)',
      ).choices(['duckdb', 'spark']),
    )
    .option(
      '--partitions <list>',
      'raw partitions, "dt=YYYY-MM-DD/state=XX,..." (default: those with new raw files)',
    );
  addSettingOptions(command, KEYS);
  command.action(async (options: Record<string, unknown>) => {
    const flags = settingFlags(options, KEYS);
    if (typeof options['engine'] === 'string') flags.compactEngine = options['engine'];
    const config = loadConfig(process.env, flags);
    await checkDataDir(config, 'write');
    const partitions =
      typeof options['partitions'] === 'string' ? parsePartitionList(options['partitions']) : undefined;
    const progress = progressLine(`compacting (${config.compactEngine})`);
    try {
      const { compactFromConfig } = await import('../../runtime/compaction.js');
      const outcome = await compactFromConfig(config, {
        ...(partitions ? { partitions } : {}),
        onProgress: ({ done, total }) => progress.update(done, total),
      });
      progress.end();
      await writeOut(formatCompaction(outcome));
    } catch (error) {
      progress.end();
      throw error;
    }
  });
}
