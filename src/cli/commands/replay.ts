import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { SettingKey } from '../../config-settings.js';
import { UsageError } from '../../errors.js';
import type { ReconcileSelection } from '../../pipeline/reconcile.js';
import {
  describeRanges,
  type OffsetRange,
  type ReplayOutcome,
  type ReplaySelection,
} from '../../pipeline/replay.js';
import { checkDataDir } from '../../runtime/data-dir.js';
import { checkDataFiles } from '../check-data-files.js';
import { writeOut } from '../output.js';
import { addSettingOptions, settingFlags } from '../setting-options.js';
import { formatCompaction } from './compact.js';
import { describeReconciliation, RECONCILE_KEYS, selectionOf } from './reconcile.js';

// Reconcile's settings, plus what the transform and compaction that replay runs read.
const KEYS: readonly SettingKey[] = [...RECONCILE_KEYS, 'batchSize', 'parquetEncoder', 'targetFileBytes'];

const ALL_RUNS: ReconcileSelection = { from: '0001-01-01', to: '9999-12-31' };
const OFFSETS = /^([A-Za-z0-9._-]{1,249}):(\d{1,9}):(\d{1,15})(?:-(\d{1,15}))?$/;

/** `topic:partition:first-last[,...]` as --offsets takes it. */
export function parseOffsets(text: string): OffsetRange[] {
  return text.split(',').map((part) => {
    const match = OFFSETS.exec(part.trim());
    const first = Number(match?.[3]);
    const last = match?.[4] === undefined ? first : Number(match[4]);
    if (!match || first > last) {
      throw new UsageError(
        `--offsets ${JSON.stringify(part.slice(0, 80))} is not topic:partition:first-last, e.g. realty.listings.v1:3:120-125`,
      );
    }
    return { topic: match[1] as string, partition: Number(match[2]), first, last };
  });
}

/** What the flags ask to replay: --offsets, --date, --run or --from/--to; by default every run's lost records. */
export function replaySelectionOf(options: Record<string, unknown>): ReplaySelection {
  const offsets = options['offsets'] as string | undefined;
  const date = options['date'] as string | undefined;
  const others = ['run', 'from', 'to'].filter((flag) => options[flag] !== undefined);
  if ([offsets, date].filter((v) => v !== undefined).length + (others.length > 0 ? 1 : 0) > 1) {
    throw new UsageError('give one of --offsets, --date, --run or --from/--to');
  }
  if (offsets !== undefined) return { offsets: parseOffsets(offsets) };
  if (date !== undefined) return { from: date, to: date };
  return others.length === 0 ? ALL_RUNS : selectionOf(options);
}

function describeReplay(outcome: ReplayOutcome): string {
  if (outcome.wanted === 0)
    return 'replay: nothing to replay: every record of the selection is in raw or dead-letter';
  const lines = [
    `replay: ${outcome.found} of ${outcome.wanted} records read back from the event log (${describeRanges(outcome.ranges)})`,
    `  rebuilt: ${outcome.written} to raw in ${outcome.objects.length} object(s), ${outcome.deadLettered} to dead-letter`,
  ];
  if (outcome.unrecoverable > 0) {
    lines.push(
      `  NOT RECOVERABLE: ${outcome.unrecoverable} records are no longer in the event log (damaged or deleted segment, or past retention)`,
    );
  }
  return lines.join('\n');
}

/** `realty replay`: rebuilds lost raw objects from the event log, then compacts and reconciles. */
export function registerReplay(program: Command): void {
  const command = program
    .command('replay')
    .description(
      'Rebuild lost raw objects from the event log (embedded log, or Kafka within retention), then compact and reconcile',
    )
    .option('--run <id>', 'the lost records of this run (a runId `realty run --json` printed)')
    .option('--from <date>', 'the lost records of the runs started from this day, YYYY-MM-DD')
    .option('--to <date>', 'with --from: last day of the range, YYYY-MM-DD')
    .option('--date <date>', 'the lost records of the runs started on this day, YYYY-MM-DD')
    .option('--offsets <ranges>', 'these records, e.g. realty.listings.v1:3:120-125 (comma-separated)')
    .option('--json', 'print the replay, compaction and reconciliation as one JSON object');
  addSettingOptions(command, KEYS);
  command.action(async (options: Record<string, unknown>) => {
    const selection = replaySelectionOf(options);
    const config = loadConfig(process.env, settingFlags(options, KEYS));
    await checkDataDir(config, 'write');
    await checkDataFiles(config);
    const [{ replay }, { replayDeps }, { compactFromConfig }, { reconcileWithConfig }] = await Promise.all([
      import('../../pipeline/replay.js'),
      import('../../runtime/replay-deps.js'),
      import('../../runtime/compaction.js'),
      import('../../runtime/reconcile-deps.js'),
    ]);
    const outcome = await replay(selection, replayDeps(config));
    const compaction =
      outcome.written + outcome.deadLettered > 0 ? await compactFromConfig(config) : undefined;
    const after = await reconcileWithConfig(config, 'offsets' in selection ? ALL_RUNS : selection);
    const text = [
      describeReplay(outcome),
      ...(compaction ? [formatCompaction(compaction)] : []),
      describeReconciliation(after),
    ].join('\n');
    const json = { replay: outcome, compaction: compaction?.summary ?? null, reconciliation: after };
    await writeOut(options['json'] ? JSON.stringify(json) : text);
    if (outcome.unrecoverable > 0 || !after.ok) process.exitCode = 1;
  });
}
