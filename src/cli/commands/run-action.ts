import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { type RunSummary, runLocalPipeline } from '../../local/run-pipeline.js';
import { checkDataDir } from '../../runtime/data-dir.js';
import { openQueryEngine } from '../../runtime/query-engine.js';
import { checkTrinoReachable } from '../../runtime/trino.js';
import { finishRun, type RunFinish } from '../finish-run.js';
import { formatResult } from '../format-result.js';
import { progressLine, writeOut } from '../output.js';
import { describeFaults, faultSessionFor } from '../run-faults.js';
import { settingFlags } from '../setting-options.js';
import { RUN_KEYS } from './run.js';

const SAMPLE_QUERY = `SELECT state, count(*) AS listings, count(DISTINCT postal_code) AS zips,
  CAST(round(avg(list_price)) AS BIGINT) AS avg_list_price
FROM listings_raw GROUP BY state ORDER BY listings DESC, state LIMIT 10`;

/** What `realty run` does once its flags are parsed: the pipeline, then compaction, views, reconciliation. */
export async function runAction(options: Record<string, unknown>): Promise<void> {
  const flags = settingFlags(options, RUN_KEYS);
  // Per-batch info lines suit Lambda's logs, not a terminal: the run prints its own summary.
  if (flags.logLevel === undefined && !process.env['REALTY_LOG_LEVEL']) flags.logLevel = 'warn';
  const config = loadConfig(process.env, flags);
  await checkDataDir(config, 'write');
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
