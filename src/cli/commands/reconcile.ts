import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { SettingKey } from '../../config-settings.js';
import { UsageError } from '../../errors.js';
import type { ReconcileReport, ReconcileSelection } from '../../pipeline/reconcile.js';
import type { CuratedTableCounts } from '../../reconciliation/reconcile-facts.js';
import type { Gap } from '../../reconciliation/reconciliation.js';
import { checkDataDir } from '../../runtime/data-dir.js';
import { checkDataFiles } from '../check-data-files.js';
import { writeOut } from '../output.js';
import { addSettingOptions, settingFlags } from '../setting-options.js';

/** The settings reconcile reads: where the log, bucket and catalog are. */
export const RECONCILE_KEYS: readonly SettingKey[] = [
  'dataDir',
  'bus',
  'kafkaBrokers',
  'kafkaAuth',
  'kafkaAllowPlaintext',
  'topic',
  'consumerGroup',
  'store',
  'bucket',
  's3Endpoint',
  'catalog',
  'glueEndpoint',
  'region',
  'database',
  'engine',
  'logLevel',
];

const MAX_GAPS_SHOWN = 20;

/** The selection the flags ask for: --run, --from/--to, or the latest run. */
export function selectionOf(options: Record<string, unknown>): ReconcileSelection {
  const run = options['run'] as string | undefined;
  const from = options['from'] as string | undefined;
  const to = options['to'] as string | undefined;
  if (run !== undefined && (from !== undefined || to !== undefined)) {
    throw new UsageError('give either --run ID or --from DATE --to DATE, not both');
  }
  if (run !== undefined) return { runId: run };
  if (from === undefined && to === undefined) return { latest: true };
  if (from === undefined || to === undefined) {
    throw new UsageError(
      '--from and --to go together: give both dates (YYYY-MM-DD), e.g. --from 2026-11-20 --to 2026-11-21',
    );
  }
  return { from, to };
}

/** `realty reconcile`: counts every record of a run (or of the runs of a date range) end to end. */
export function registerReconcile(program: Command): void {
  const command = program
    .command('reconcile')
    .description(
      'Count every record of a run from fetch to raw, dead-letter and curated tables, and name any gap by its offsets',
    )
    .option('--run <id>', 'the runId `realty run --json` printed (default: the latest run)')
    .option('--from <date>', 'with --to: the runs started on these days (UTC), YYYY-MM-DD')
    .option('--to <date>', 'with --from: last day of the range, YYYY-MM-DD')
    .option('--json', 'print the reconciliation as one JSON object');
  addSettingOptions(command, RECONCILE_KEYS);
  command.action(async (options: Record<string, unknown>) => {
    const selection = selectionOf(options);
    const config = loadConfig(process.env, settingFlags(options, RECONCILE_KEYS));
    await checkDataDir(config, 'read');
    await checkDataFiles(config);
    const { reconcileWithConfig } = await import('../../runtime/reconcile-deps.js');
    const report = await reconcileWithConfig(config, selection);
    await writeOut(options['json'] ? JSON.stringify(report) : describeReconciliation(report));
    // A loss fails the command, so scripts and CI can stop on it.
    if (!report.ok) process.exitCode = 1;
  });
}

/** The reconciliation for a reader: the balance, then each problem with the offsets involved. */
export function describeReconciliation(r: ReconcileReport): string {
  const runs =
    r.runs.length === 1 ? `run ${r.runs[0]}` : `${r.runs.length} runs (${r.runs[0]} .. ${r.runs.at(-1)})`;
  const lines = [
    `Reconciliation of ${runs}${r.exact ? '' : ' (counts only: a run log predates recorded offsets)'}: ${r.ok ? 'OK' : 'PROBLEMS'}`,
    `  fetched ${r.fetched} = raw ${r.raw} + dead-lettered ${r.deadLettered} (${r.invalid} invalid, ${r.onFailure} on-failure) + pending ${r.pending} + lost ${r.lost}`,
    `  produced ${r.produced}${r.notProduced > 0 ? ` (${r.notProduced} fetched but never produced)` : ''}, ${groupLine(r)}`,
    `  duplicates: ${duplicatesLine(r)}`,
    `  curated: ${curatedLine(r)}`,
  ];
  lines.splice(1, 0, ...r.incomplete.map(incompleteLine));
  for (const gap of r.gaps.slice(0, MAX_GAPS_SHOWN)) lines.push(`  ${gapLine(gap)}`);
  if (r.gaps.length > MAX_GAPS_SHOWN)
    lines.push(`  ... ${r.gaps.length - MAX_GAPS_SHOWN} more gaps (--json lists them all)`);
  for (const key of r.quarantined) lines.push(`  QUARANTINED ${key} (damaged; kept under quarantine/)`);
  if (r.gaps.some((gap) => gap.kind === 'lost')) {
    lines.push('  `realty replay` rebuilds lost records from the event log while it still holds them');
  }
  return lines.join('\n');
}

function incompleteLine(run: ReconcileReport['incomplete'][number]): string {
  return (
    `  run ${run.runId} DID NOT COMPLETE: its ingest was killed or is still running; its log, last saved ` +
    `${new Date(run.savedAt).toISOString()}, records ${run.fetched} fetched and ${run.produced} produced so far ` +
    '(the counts below cover only those); run `realty run` again to fetch the day'
  );
}

function groupLine(r: ReconcileReport): string {
  if (r.group === null || r.delivered === null) return 'consumer group position unknown (no topic yet)';
  return `delivered ${r.delivered} (group committed ${r.group.committed} of ${r.group.end} records, lag ${r.group.lag})`;
}

function duplicatesLine(r: ReconcileReport): string {
  if (r.duplicated === 0) return 'none';
  const d = r.duplicates;
  return (
    `${r.duplicated} (raw copies ${d.raw}, dead-letter copies ${d.deadLetter}, on-failure copies ${d.onFailure}, ` +
    `in two places ${d.crossed}); raw copies come from at-least-once redelivery and curated tables drop them`
  );
}

function curatedLine(r: ReconcileReport): string {
  if (r.curated === null) return 'no curated tables yet (run `realty compact`)';
  const table = (t: CuratedTableCounts | null) =>
    t === null
      ? ''
      : `${t.table} ${t.present}/${t.expected} present${t.missing > 0 ? ` (${t.missing} MISSING: not compacted yet, or lost from the table; rewrite them with \`realty compact --partitions\` over those days)` : ''}, ${t.duplicates} duplicated`;
  return [table(r.curated.history), table(r.curated.current)].filter(Boolean).join('; ');
}

function gapLine(gap: Gap): string {
  const where = `${gap.topic}-${gap.partition} offsets ${gap.first}${gap.last === gap.first ? '' : `-${gap.last}`}`;
  return gap.kind === 'lost'
    ? `LOST ${where} (${gap.count} records committed past, found in neither raw nor dead-letter)`
    : `pending ${where} (${gap.count} records not processed yet)`;
}
