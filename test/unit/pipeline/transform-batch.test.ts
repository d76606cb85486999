import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildByteBackedMskEvent, decodeMskRecord } from '../../../src/msk/msk-event.js';
import { transformBatch } from '../../../src/pipeline/transform-batch.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import { createTransformDeps, loadSampleEvent } from '../../helpers/local-warehouse.js';

type Deps = Awaited<ReturnType<typeof createTransformDeps>>;

async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys;
}

describe('transformBatch', () => {
  let deps: Deps;
  beforeEach(async () => {
    deps = await createTransformDeps();
  });
  afterEach(async () => {
    await deps.cleanup();
  });

  it('writes every valid listing as Parquet that DuckDB reads back, and registers its partitions', async () => {
    const event = loadSampleEvent('msk-listings.json');

    const outcome = await transformBatch(event, deps);

    expect(outcome).toMatchObject({ records: 10, written: 10, deadLettered: 0, batchItemFailures: [] });
    const result = await deps
      .engine()
      .query('SELECT count(*) AS n, count(DISTINCT event_id) AS ids FROM listings_raw');
    expect(result.rows).toEqual([[10, 10]]);
    const partitions = await deps.catalog.listPartitions('realty', 'listings_raw');
    // listings_raw is partitioned by dt only: one partition for the day, every state in it.
    expect(partitions).toEqual([{ values: ['2026-11-20'], location: 'raw/listings/dt=2026-11-20/' }]);
    expect(outcome.partitionsAdded).toBe(1);
  });

  it('writes one object per topic-partition and day, holding every state of it in a state column', async () => {
    const event = loadSampleEvent('msk-listings.json');
    const records = Object.values(event.records).flat();
    const partitions = new Set(records.map((r) => `${r.topic}-${r.partition}`));

    const outcome = await transformBatch(event, deps);

    expect(outcome.objects).toHaveLength(partitions.size);
    for (const key of outcome.objects) {
      expect(key).toMatch(/^raw\/listings\/dt=2026-11-20\/[a-z0-9.]+-p\d+-o\d{12}-\d{12}\.parquet$/);
    }
    const states = await deps.engine().query('SELECT state, count(*) FROM listings_raw GROUP BY state');
    expect(states.rows.length).toBeGreaterThan(1);
  });

  it('sends an unknown state, truncated JSON and invalid UTF-8 to dead-letter with their reasons, and writes the rest', async () => {
    const event = loadSampleEvent('msk-with-bad-records.json');

    const outcome = await transformBatch(event, deps);

    expect(outcome).toMatchObject({ records: 7, written: 4, deadLettered: 3, batchItemFailures: [] });
    const keys = await listKeys(deps.store, 'dead-letter/listings/');
    expect(keys, 'one dead letter per rejected record').toHaveLength(3);
    const lines: { reason: string; rejections: { path: string }[]; value_base64: string }[] = [];
    for (const key of keys) lines.push(JSON.parse(new TextDecoder().decode(await deps.store.get(key))));
    expect(lines.map((l) => l.reason).sort()).toEqual(['invalid_listing', 'not_json', 'not_utf8']);
    const invalid = lines.find((l) => l.reason === 'invalid_listing')!;
    expect(invalid.rejections.map((r) => r.path)).toContain('location.address.state_code');
    expect(invalid.value_base64.length).toBeGreaterThan(100);
  });

  it('writes the same rows and dead letters from the byte-backed event the local trigger builds as from the event', async () => {
    // Prepare: the sample's records back to Kafka bytes, built again as the worker thread builds its events.
    const event = loadSampleEvent('msk-with-bad-records.json');
    const records = Object.values(event.records).flatMap((group) => group.map(decodeMskRecord));
    const backed = buildByteBackedMskEvent(records, { bootstrapServers: event.bootstrapServers });
    const other = await createTransformDeps();
    const contents = async (d: Deps, prefix: string) =>
      Promise.all((await listKeys(d.store, prefix)).map(async (key) => [key, await d.store.get(key)]));

    try {
      // Act
      const outcome = await transformBatch(event, deps);
      const backedOutcome = await transformBatch(backed, other);

      // Assess
      expect(backedOutcome).toEqual(outcome);
      expect(await contents(other, 'dead-letter/')).toEqual(await contents(deps, 'dead-letter/'));
      expect(await contents(other, 'raw/')).toEqual(await contents(deps, 'raw/'));
    } finally {
      await other.cleanup();
    }
  });

  it('overwrites its own objects when the same batch is delivered again, so rows are not duplicated', async () => {
    const event = loadSampleEvent('msk-with-bad-records.json');

    const first = await transformBatch(event, deps);
    const second = await transformBatch(event, deps);

    expect(second.objects).toEqual(first.objects);
    expect(await listKeys(deps.store, 'dead-letter/')).toHaveLength(3);
    const result = await deps.engine().query('SELECT count(*) FROM listings_raw');
    expect(result.rows).toEqual([[4]]);
  });

  it('reports only the records whose object could not be written, as topic-partition-offset batch item failures', async () => {
    const event = loadSampleEvent('msk-listings.json');
    const [groupKey, records] = Object.entries(event.records)[0]!;
    const failing: ObjectStore = {
      ...deps.store,
      put: async (key, body, options) => {
        if (key.includes(`-p${records[0]!.partition}-`)) throw new Error('disk full');
        return deps.store.put(key, body, options);
      },
    };

    const outcome = await transformBatch(event, { ...deps, store: failing });

    // The Kafka identifier: { partition: the records key, offset } (kafka-retry-configurations.html).
    const expected = records.map((r) => ({ itemIdentifier: { partition: groupKey, offset: r.offset } }));
    expect(groupKey).toBe(`realty.listings.v1-${records[0]!.partition}`);
    expect(outcome.batchItemFailures).toEqual(expect.arrayContaining(expected));
    expect(outcome.batchItemFailures).toHaveLength(records.length);
    expect(outcome.written).toBe(10 - records.length);
  });
});
