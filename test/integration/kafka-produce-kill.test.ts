import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { RunSummary } from '../../src/local/run-pipeline.js';
import type { IngestSummary } from '../../src/pipeline/ingest-listings.js';
import type { ReconcileReport } from '../../src/pipeline/reconcile.js';
import { localPaths } from '../../src/runtime/local.js';
import { lastJson } from '../helpers/cli.js';
import { type KafkaBroker, startKafkaBroker } from './helpers/kafka-broker.js';
import { killBroker } from './helpers/kafka-group-state.js';
import { pollUntil, queryRows, realtyRun, summaryOf } from './helpers/realty-runs.js';

// Small pages: many produce calls, so the ingest is still producing when the broker dies.
const MARKET = ['--listings', '1500', '--seed', '23', '--page-size', '10'];
const CURATED_SQL = 'SELECT property_id, dt, status, list_price FROM listings_history ORDER BY ALL';

type RunJson = RunSummary & { reconciliation: ReconcileReport };

let broker: KafkaBroker;
let kafkaDir: string;
let embeddedDir: string;

beforeAll(async () => {
  broker = await startKafkaBroker();
  kafkaDir = await mkdtemp(path.join(tmpdir(), 'realty-produce-kill-'));
  embeddedDir = await mkdtemp(path.join(tmpdir(), 'realty-produce-kill-ref-'));
}, 300_000);
afterAll(async () => {
  await broker?.stop();
  await Promise.all([kafkaDir, embeddedDir].map((dir) => dir && rm(dir, { recursive: true, force: true })));
});

/** The ingest run logs of a data dir, as the ingest last saved them. */
async function runLogs(dataDir: string): Promise<IngestSummary[]> {
  const dir = path.join(localPaths(loadConfig({}, { dataDir })).bucket, 'runs', 'ingest');
  const names = await readdir(dir).catch(() => [] as string[]);
  const logs: IngestSummary[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    // A log being rewritten may be read half-way: skip it this round.
    try {
      logs.push(JSON.parse(await readFile(path.join(dir, name), 'utf8')) as IngestSummary);
    } catch {}
  }
  return logs;
}

describe('the Kafka broker SIGKILLed while realty run is producing', () => {
  it('fails the run with a clear bus error, and a re-run after the restart completes the day: nothing lost, no curated duplicates', {
    timeout: 600_000,
  }, async () => {
    const onKafka = () => realtyRun(kafkaDir, [...MARKET, '--bus', 'kafka', '--brokers', broker.bootstrap]);
    const reference = realtyRun(embeddedDir, [...MARKET, '--bus', 'embedded']);
    const first = onKafka();
    await pollUntil(
      'the Kafka run to have produced its first area',
      async () => (await runLogs(kafkaDir)).some((log) => log.status === 'started' && log.produced > 0),
      { timeoutMs: 150_000, intervalMs: 20 },
    );

    await killBroker(broker);
    // The broker stays down until the ingest has given up on it, then comes back on the same data.
    await pollUntil(
      'the ingest to give up on the dead broker',
      async () => (await runLogs(kafkaDir)).some((log) => log.status !== 'started'),
      { timeoutMs: 240_000, intervalMs: 200 },
    );
    const restarted = await broker.script('start');
    const failed = await first;
    const rerun = await onKafka();
    const ref = summaryOf(await reference);

    expect(restarted.code, restarted.output).toBe(0);
    const [log] = await runLogs(kafkaDir).then((logs) => logs.filter((l) => l.status === 'failed'));
    expect(log?.failedAreas[0]).toMatchObject({ code: 'REALTY_BUS' });
    expect(log!.produced, 'the ingest was killed mid-produce').toBeLessThan(ref.fetched);
    expect(failed.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(failed.code).toBe(1);
    const interrupted = lastJson<RunJson>(failed.stdout);
    expect(interrupted.failedAreas.map((f) => f.code)).toContain('REALTY_BUS');
    const again = lastJson<RunJson>(rerun.stdout);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(again.marketDates, 'the re-run fetches the unfinished day again').toEqual(interrupted.marketDates);
    expect(again.reconciliation.lost).toBe(0);
    expect(again.reconciliation.pending).toBe(0);
    expect(again.reconciliation.curated?.history?.duplicates).toBe(0);
    expect(again.reconciliation.curated?.current?.duplicates).toBe(0);
    expect(again.reconciliation.ok).toBe(true);
    expect(again.fetched).toBe(ref.fetched);
    expect(await queryRows(kafkaDir, CURATED_SQL)).toEqual(await queryRows(embeddedDir, CURATED_SQL));
  });
});
