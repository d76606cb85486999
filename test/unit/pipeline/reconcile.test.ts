import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import type { MskEvent } from '../../../src/msk/msk-event-types.js';
import { rangesOfOffsets } from '../../../src/msk/offset-ranges.js';
import { type ReconcileDeps, reconcile } from '../../../src/pipeline/reconcile.js';
import { transformBatch } from '../../../src/pipeline/transform-batch.js';
import type { GroupPosition } from '../../../src/reconciliation/reconcile-facts.js';
import { createTransformDeps, loadSampleEvent } from '../../helpers/local-warehouse.js';

type World = Awaited<ReturnType<typeof createTransformDeps>>;

const OBSERVED_AT = 1_795_183_200_000; // the samples' realty-observed-at header (2026-11-20)

/** Where the event's records sit, as the ingest's run log records them. */
function producedOffsets(event: MskEvent) {
  return Object.values(event.records).map((group) => ({
    topic: group[0]!.topic,
    partition: group[0]!.partition,
    ranges: rangesOfOffsets(group.map((r) => r.offset)),
  }));
}

/** The group position after the event was processed: committed up to the end of each partition. */
function drained(event: MskEvent): GroupPosition {
  const ends = Object.values(event.records).map((group) => ({
    topic: group[0]!.topic,
    partition: group[0]!.partition,
    offset: group.at(-1)!.offset + 1,
  }));
  return { committed: ends, ends };
}

async function writeRunLog(world: World, event: MskEvent, runId = 'sample'): Promise<number> {
  const records = Object.values(event.records).flat().length;
  const log = {
    runId,
    startedAt: OBSERVED_AT - 60_000,
    finishedAt: OBSERVED_AT,
    fetched: records,
    produced: records,
    failedAreas: [],
    producedOffsets: producedOffsets(event),
  };
  await world.store.put(`runs/ingest/${runId}.json`, new TextEncoder().encode(JSON.stringify(log)));
  return records;
}

function depsOf(world: World, group: GroupPosition | null): ReconcileDeps {
  return {
    store: world.store,
    catalog: world.catalog,
    engine: world.engine(),
    database: 'realty',
    groupPosition: async () => group,
  };
}

describe('reconcile', () => {
  let world: World;
  beforeEach(async () => {
    world = await createTransformDeps();
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('writes each raw row with the run id, topic, partition and offset that carried it', async () => {
    const event = loadSampleEvent('msk-listings.json');

    await transformBatch(event, world);

    const result = await world
      .engine()
      .query('SELECT run_id, kafka_topic, kafka_partition, kafka_offset FROM listings_raw ORDER BY 3, 4');
    const expected = Object.values(event.records)
      .flat()
      .sort((a, b) => a.partition - b.partition || a.offset - b.offset)
      .map((r) => ['sample', r.topic, r.partition, r.offset]);
    expect(result.rows).toEqual(expected);
  });

  it('accounts for every record of a run as raw or dead-lettered, with nothing lost or duplicated', async () => {
    const event = loadSampleEvent('msk-with-bad-records.json');
    const records = await writeRunLog(world, event);
    const outcome = await transformBatch(event, world);

    const report = await reconcile({ runId: 'sample' }, depsOf(world, drained(event)));

    expect(report).toMatchObject({
      fetched: records,
      lost: 0,
      duplicated: 0,
      pending: 0,
      ok: true,
      exact: true,
    });
    expect(report.raw).toBe(outcome.written);
    expect(report.deadLettered).toBe(outcome.deadLettered);
    expect(report.raw + report.deadLettered).toBe(records);
    expect(report.curated).toBeNull();
  });

  it('names the offsets of records whose raw object went missing', async () => {
    const event = loadSampleEvent('msk-listings.json');
    await writeRunLog(world, event);
    const outcome = await transformBatch(event, world);
    const victim = outcome.objects.find((key) => key.includes('-p5-'))!;
    await world.store.delete([victim]);

    const report = await reconcile({ runId: 'sample' }, depsOf(world, drained(event)));

    expect(report.ok).toBe(false);
    expect(report.lost).toBeGreaterThan(0);
    expect(report.gaps.every((gap) => gap.kind === 'lost' && gap.partition === 5)).toBe(true);
    expect(report.gaps.reduce((sum, gap) => sum + gap.count, 0)).toBe(report.lost);
  });

  it('calls records the group has not committed past pending rather than lost', async () => {
    const event = loadSampleEvent('msk-listings.json');
    const records = await writeRunLog(world, event);
    const untouched = drained(event);
    const group = { committed: untouched.committed.map((c) => ({ ...c, offset: 0 })), ends: untouched.ends };

    const report = await reconcile({ runId: 'sample' }, depsOf(world, group));

    expect(report).toMatchObject({ lost: 0, pending: records, raw: 0, delivered: 0, ok: true });
    expect(report.gaps.every((gap) => gap.kind === 'pending')).toBe(true);
    expect(report.group).toMatchObject({ committed: 0 });
  });

  it('counts a redelivered batch written under other object keys as duplicated, not as more records', async () => {
    const event = loadSampleEvent('msk-listings.json');
    const records = await writeRunLog(world, event);
    await transformBatch(event, world);
    const partial = structuredClone(event);
    const group = partial.records['realty.listings.v1-5']!;
    partial.records = { 'realty.listings.v1-5': group.slice(1) };

    await transformBatch(partial, world);
    const report = await reconcile({ runId: 'sample' }, depsOf(world, drained(event)));

    // Groups of the retried records whose offset range is unchanged overwrite their object; the others add copies.
    expect(report).toMatchObject({ raw: records, lost: 0, ok: true });
    expect(report.duplicates.raw).toBe(report.rawRows - records);
    expect(report.duplicates.raw).toBeGreaterThan(0);
    const redelivered = group.slice(1).map((r) => r.offset);
    expect(report.duplicateSamples.every((d) => d.partition === 5 && redelivered.includes(d.offset))).toBe(
      true,
    );
  });

  it('selects every market day of one `realty run` by its run id', async () => {
    const event = loadSampleEvent('msk-listings.json');
    const records = await writeRunLog(world, event, 'run-1-d0');
    await writeRunLog(world, { ...event, records: {} }, 'run-1-d1');
    await writeRunLog(world, event, 'run-10-d0');

    const report = await reconcile({ runId: 'run-1' }, depsOf(world, drained(event)));

    expect(report.runs).toEqual(['run-1-d0', 'run-1-d1']);
    expect(report.fetched).toBe(records);
  });

  it('refuses a run id that could not name a run, before reading anything', async () => {
    const act = reconcile({ runId: "x' OR '1'='1" }, depsOf(world, null));

    await expect(act).rejects.toThrow(UsageError);
    await expect(act).rejects.toThrow(/letters, digits/);
  });

  it('says there is no run yet, and what to do, on an empty bucket', async () => {
    const act = reconcile({ latest: true }, depsOf(world, null));

    await expect(act).rejects.toThrow(/no run logs under runs\/ingest\/ yet: run `realty run` first/);
  });

  it('refuses a date range given backwards', async () => {
    await writeRunLog(world, loadSampleEvent('msk-listings.json'));

    const act = reconcile({ from: '2026-11-21', to: '2026-11-20' }, depsOf(world, null));

    await expect(act).rejects.toThrow(/--from 2026-11-21 is after --to 2026-11-20/);
  });
});
