import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createDuckDbQueryEngine } from '../../../src/adapters/query/duckdb.js';
import { loadConfig } from '../../../src/config.js';
import type { RunSummary } from '../../../src/local/run-pipeline.js';
import { localCatalog, localPaths, localStore } from '../../../src/runtime/local.js';
import { type CliResult, lastJson, runCli } from '../../helpers/cli.js';

/** One `realty run --json` as a user types it, with its summary when it printed one. */
export interface RealtyRun extends CliResult {
  summary: RunSummary | undefined;
}

/** Runs `realty run --json --days 1 <args> --data-dir <dataDir>` in a child process (args may name other --days). */
export async function realtyRun(dataDir: string, args: readonly string[]): Promise<RealtyRun> {
  const result = await runCli(['run', '--json', '--days', '1', '--data-dir', dataDir, ...args], {
    timeoutMs: 170_000,
  });
  const summary = result.code === 0 ? lastJson<RunSummary>(result.stdout) : undefined;
  return { ...result, summary };
}

/** The summary of a run that must have succeeded; otherwise fails with what the run printed. */
export function summaryOf(run: RealtyRun): RunSummary {
  if (run.code !== 0 || run.summary === undefined) {
    throw new Error(`realty run exited with ${run.code}:\n${run.stderr}\n${run.stdout}`);
  }
  return run.summary;
}

/** Rows of one SQL statement over the data dir's catalog, through the embedded DuckDB engine. */
export async function queryRows(dataDir: string, sql: string): Promise<unknown[][]> {
  const config = loadConfig({}, { dataDir });
  const engine = createDuckDbQueryEngine({
    catalog: localCatalog(config),
    store: localStore(config),
    database: config.database,
  });
  try {
    return (await engine.query(sql)).rows;
  } finally {
    await engine.close();
  }
}

/** How many Parquet files the runs wrote under raw/ so far. */
export async function rawFileCount(dataDir: string): Promise<number> {
  const raw = path.join(localPaths(loadConfig({}, { dataDir })).bucket, 'raw');
  try {
    const entries = await readdir(raw, { recursive: true });
    return entries.filter((entry) => entry.endsWith('.parquet')).length;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Polls `check` every `intervalMs` until it holds; fails naming `what` after `timeoutMs`. */
export async function pollUntil(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs, intervalMs = 50 }: { timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
