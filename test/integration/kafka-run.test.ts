import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/local/run-pipeline.js';
import { type KafkaBroker, startKafkaBroker } from './helpers/kafka-broker.js';
import { groupProgress, killBroker } from './helpers/kafka-group-state.js';
import {
  pollUntil,
  queryRows,
  type RealtyRun,
  rawFileCount,
  realtyRun,
  summaryOf,
} from './helpers/realty-runs.js';

// One seeded market for both buses; each run is one simulated market day from the run's UTC date.
const MARKET = ['--listings', '300', '--seed', '11'];
const TOPIC = 'realty.listings.v1';
const GROUP = 'realty-transform';
const ROWS_SQL = 'SELECT event_id, property_id, status, list_price, dt, state FROM listings_raw ORDER BY ALL';
const DISTINCT_ROWS_SQL =
  'SELECT DISTINCT event_id, property_id, status, list_price, dt, state FROM listings_raw ORDER BY ALL';

let broker: KafkaBroker;
let kafkaDir: string;
let embeddedDir: string;
/** Summaries of the embedded runs so far, in order: the reference the Kafka runs are held to. */
const embeddedRuns: RunSummary[] = [];
const kafkaRuns: RunSummary[] = [];

const onKafka = (extra: string[] = []) =>
  realtyRun(kafkaDir, [...MARKET, '--bus', 'kafka', '--brokers', broker.bootstrap, ...extra]);
const onEmbedded = (extra: string[] = []) =>
  realtyRun(embeddedDir, [...MARKET, '--bus', 'embedded', ...extra]);

function expectReconciled(summary: RunSummary): void {
  expect(summary.produced).toBe(summary.fetched);
  expect(summary.fetched).toBe(summary.written + summary.deadLettered);
}

// A fresh machine first resolves the jars with Maven; a busy one starts the JVM slowly.
beforeAll(async () => {
  broker = await startKafkaBroker();
  kafkaDir = await mkdtemp(path.join(tmpdir(), 'realty-run-kafka-'));
  embeddedDir = await mkdtemp(path.join(tmpdir(), 'realty-run-embedded-'));
}, 300_000);
afterAll(async () => {
  await broker?.stop();
  await Promise.all([kafkaDir, embeddedDir].map((dir) => dir && rm(dir, { recursive: true, force: true })));
});

describe('realty run --bus kafka on a real broker', () => {
  it('reconciles and writes the same rows as the embedded log for the same seeded market', {
    timeout: 200_000,
  }, async () => {
    const [kafka, embedded] = await Promise.all([onKafka(), onEmbedded()]);

    const [k, e] = [summaryOf(kafka), summaryOf(embedded)];
    kafkaRuns.push(k);
    embeddedRuns.push(e);
    expect(kafka.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect([k.bus, e.bus]).toEqual(['kafka', 'embedded']);
    expect(k.fetched).toBeGreaterThan(200);
    expectReconciled(k);
    expectReconciled(e);
    expect(k.marketDates).toEqual(e.marketDates);
    expect({ fetched: k.fetched, written: k.written, deadLettered: k.deadLettered }).toEqual({
      fetched: e.fetched,
      written: e.written,
      deadLettered: e.deadLettered,
    });
    const kafkaRows = await queryRows(kafkaDir, ROWS_SQL);
    expect(kafkaRows).toHaveLength(k.written);
    expect(kafkaRows).toEqual(await queryRows(embeddedDir, ROWS_SQL));
  });

  it('continues from the committed offsets on a second run: it reads only the new day, nothing twice', {
    timeout: 200_000,
  }, async () => {
    const [kafka, embedded] = await Promise.all([onKafka(), onEmbedded()]);

    const [k, e] = [summaryOf(kafka), summaryOf(embedded)];
    kafkaRuns.push(k);
    embeddedRuns.push(e);
    expectReconciled(k);
    expect(k.esm.recordsDelivered).toBe(k.produced);
    const [count] = await queryRows(kafkaDir, 'SELECT count(*) FROM listings_raw');
    expect(Number(count?.[0])).toBe(kafkaRuns[0]!.written + k.written);
    expect(await queryRows(kafkaDir, ROWS_SQL)).toEqual(await queryRows(embeddedDir, ROWS_SQL));
    const progress = await groupProgress(broker, TOPIC, GROUP);
    expect(progress.committed).toEqual(progress.ends);
    expect(progress.records).toBe(kafkaRuns[0]!.produced + k.produced);
  });

  it('loses nothing when the broker is killed (SIGKILL) and restarted during consume, then the run re-run', {
    timeout: 420_000,
  }, async () => {
    const filesBefore = await rawFileCount(kafkaDir);
    // Small batches: many invocations, so the consume is still going when the broker dies.
    let killedRunEnded = false;
    const killedRun = onKafka(['--batch-size', '5']).finally(() => {
      killedRunEnded = true;
    });
    const embeddedThird = onEmbedded();
    await pollUntil(
      'the third Kafka run to write its first Parquet file',
      async () => {
        return (await rawFileCount(kafkaDir)) > filesBefore || killedRunEnded;
      },
      { timeoutMs: 150_000 },
    );
    const killedDuringConsume = !killedRunEnded;

    await killBroker(broker);
    const restarted = await broker.script('start');
    const interrupted: RealtyRun = await killedRun;
    const embedded3 = await embeddedThird;
    const [rerun, embedded4] = await Promise.all([onKafka(), onEmbedded()]);

    expect(killedDuringConsume).toBe(true);
    expect(restarted.code).toBe(0);
    // It either rode out the restart (the client retries) or stopped with a BusError saying to run again.
    expect(interrupted.stderr).not.toMatch(/at .*\.ts:\d+/);
    if (interrupted.code !== 0) expect(interrupted.stderr).toMatch(/\[REALTY_BUS\]/);
    const again = summaryOf(rerun);
    expect(again.written + again.deadLettered).toBeGreaterThanOrEqual(again.fetched);
    embeddedRuns.push(summaryOf(embedded3), summaryOf(embedded4));
    // At-least-once transport: a re-read batch may add copies to raw/, never lose a row.
    expect(await queryRows(kafkaDir, DISTINCT_ROWS_SQL)).toEqual(
      await queryRows(embeddedDir, DISTINCT_ROWS_SQL),
    );
    const progress = await groupProgress(broker, TOPIC, GROUP);
    expect(progress.committed).toEqual(progress.ends);
    expect(progress.records).toBe(embeddedRuns.reduce((sum, run) => sum + run.produced, 0));
  });
});
