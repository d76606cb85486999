import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDbCompactor } from '../../../../src/adapters/compactor/duckdb.js';
import { DUCKDB_TYPE } from '../../../../src/adapters/query/duckdb-views.js';
import { LATEST_MANIFEST_KEY, manifestKey } from '../../../../src/compaction/compaction-manifest.js';
import { changedPartitions } from '../../../../src/compaction/compaction-scope.js';
import { RAW_LISTINGS_PREFIX } from '../../../../src/domain/partition-path.js';
import { CompactionError } from '../../../../src/errors.js';
import { curatedTableDefinitions } from '../../../../src/pipeline/curated-tables.js';
import type { CompactionRequest } from '../../../../src/ports/compactor.js';
import type { ObjectStore } from '../../../../src/ports/object-store.js';
import { InMemoryObjectStore } from '../../../helpers/in-memory-object-store.js';
import { FIRST_WAVE, LATE_WAVE, type RawBatch, writeRawBatch } from './crafted-market.js';
import { asObjects, createWarehouse, queryWarehouse, storedKeys, type Warehouse } from './curated-reader.js';

const HISTORY_COLUMNS =
  'property_id, dt, state, status, list_price, previous_dt, previous_list_price, list_price_change, ' +
  'list_price_change_pct, previous_status, status_changed, days_since_listed, observed_at';

const warehouses: Warehouse[] = [];
afterEach(async () => {
  for (const { dir } of warehouses.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function warehouseWith(...waves: RawBatch[][]): Promise<Warehouse> {
  const warehouse = await createWarehouse();
  warehouses.push(warehouse);
  for (const wave of waves) for (const batch of wave) await writeRawBatch(warehouse.store, batch);
  return warehouse;
}

async function allRawObjects(store: ObjectStore) {
  const objects = [];
  for await (const object of store.list(RAW_LISTINGS_PREFIX)) objects.push(object);
  return objects;
}

async function requestFor(
  store: ObjectStore,
  runId: string,
  watermarkMs?: number,
): Promise<CompactionRequest> {
  return {
    runId,
    database: 'realty',
    partitions: changedPartitions(await allRawObjects(store), RAW_LISTINGS_PREFIX, watermarkMs),
    targetFileBytes: 128 * 1024 * 1024,
    watermarkMs: 1_000,
  };
}

async function history(warehouse: Warehouse) {
  return asObjects(
    await queryWarehouse(
      warehouse,
      `SELECT ${HISTORY_COLUMNS} FROM listings_history ORDER BY property_id, dt`,
    ),
  );
}

describe('DuckDB compactor', () => {
  it('keeps one row per listing per day, its last observation, with the changes since its previous day', async () => {
    // prepare
    const warehouse = await warehouseWith(FIRST_WAVE);
    const compactor = createDuckDbCompactor({ store: warehouse.store });

    // act
    await compactor.compact(await requestFor(warehouse.store, 'run-1'));

    // assess
    const rows = await history(warehouse);
    const pick = (property: string) =>
      rows
        .filter((row) => row['property_id'] === property)
        .map((r) => [
          r['dt'],
          r['status'],
          r['list_price'],
          r['previous_list_price'],
          r['list_price_change'],
          r['list_price_change_pct'],
          r['previous_status'],
          r['status_changed'],
          r['days_since_listed'],
        ]);
    expect(pick('P1')).toEqual([
      ['2026-11-18', 'for_sale', 500_000, null, null, null, null, null, 17],
      ['2026-11-19', 'pending', 480_000, 500_000, -20_000, -4, 'for_sale', true, 18],
      ['2026-11-21', 'sold', null, 480_000, null, null, 'pending', true, 20],
    ]);
    expect(pick('P2')).toEqual([
      ['2026-11-19', 'for_sale', 300_000, null, null, null, null, null, 18],
      ['2026-11-20', 'for_sale', 300_000, 300_000, 0, 0, 'for_sale', false, 19],
      ['2026-11-21', 'off_market', 300_000, 300_000, 0, 0, 'for_sale', true, 20],
    ]);
    expect(pick('P3')).toEqual([
      ['2026-11-20', 'for_rent', null, null, null, null, null, null, 19],
      ['2026-11-21', 'for_rent', 2_500, null, null, null, 'for_rent', false, 20],
    ]);
    expect(pick('P4')).toEqual([
      ['2026-11-20', 'for_sale', 0, null, null, null, null, null, null],
      ['2026-11-21', 'for_sale', 100_000, 0, 100_000, null, 'for_sale', false, 0],
    ]);
    expect(rows.find((r) => r['property_id'] === 'P1' && r['dt'] === '2026-11-18')?.['observed_at']).toBe(
      '2026-11-18T16:00:00.000Z',
    );
  });

  it('keeps the latest day of every listing in listings_current, sold and off-market ones too', async () => {
    // prepare
    const warehouse = await warehouseWith(FIRST_WAVE);

    // act
    await createDuckDbCompactor({ store: warehouse.store }).compact(
      await requestFor(warehouse.store, 'run-1'),
    );

    // assess
    const current = asObjects(
      await queryWarehouse(
        warehouse,
        'SELECT property_id, state, dt, status FROM listings_current ORDER BY property_id',
      ),
    );
    expect(current).toEqual([
      { property_id: 'P1', state: 'CA', dt: '2026-11-21', status: 'sold' },
      { property_id: 'P2', state: 'CA', dt: '2026-11-21', status: 'off_market' },
      { property_id: 'P3', state: 'TX', dt: '2026-11-21', status: 'for_rent' },
      { property_id: 'P4', state: 'CA', dt: '2026-11-21', status: 'for_sale' },
    ]);
  });

  it("writes the columns and types the catalog defines for both tables, in the catalog's order", async () => {
    // prepare
    const warehouse = await warehouseWith(FIRST_WAVE);

    // act
    await createDuckDbCompactor({ store: warehouse.store }).compact(
      await requestFor(warehouse.store, 'run-1'),
    );

    // assess
    for (const table of curatedTableDefinitions('realty')) {
      const { columns } = await queryWarehouse(warehouse, `SELECT * FROM ${table.name} LIMIT 0`);
      const defined = [...table.columns, ...table.partitionKeys].map((c) => ({
        name: c.name,
        type: DUCKDB_TYPE[c.type],
      }));
      expect(columns).toEqual(defined);
    }
  });

  it('writes one file per small partition and a manifest counting the copies it dropped', async () => {
    // prepare
    const warehouse = await warehouseWith(FIRST_WAVE);
    const request = await requestFor(warehouse.store, 'run-1');

    // act
    const manifest = await createDuckDbCompactor({ store: warehouse.store }).compact(request);

    // assess
    expect(manifest.input).toMatchObject({ partitions: 4, files: 8, rows: 13, observations: 11 });
    const [historyTable, currentTable] = manifest.tables;
    expect(historyTable?.partitions.map((p) => [p.values.join('/'), p.files, p.rows])).toEqual([
      ['2026-11-18/CA', 1, 1],
      ['2026-11-19/CA', 1, 2],
      ['2026-11-20/CA', 1, 2],
      ['2026-11-20/TX', 1, 1],
      ['2026-11-21/CA', 1, 3],
      ['2026-11-21/TX', 1, 1],
    ]);
    expect(currentTable?.partitions.map((p) => [p.location, p.rows])).toEqual([
      ['curated/listings_current/state=CA/', 3],
      ['curated/listings_current/state=TX/', 1],
    ]);
    expect(await storedKeys(warehouse.store, 'curated/listings_current/')).toEqual([
      'curated/listings_current/state=CA/part-00000.parquet',
      'curated/listings_current/state=TX/part-00000.parquet',
    ]);
    expect(await warehouse.store.get(manifestKey('run-1'))).toEqual(
      await warehouse.store.get(LATEST_MANIFEST_KEY),
    );
  });

  it('splits a listings_current partition that does not fit one file, counting each partition once', async () => {
    // prepare: rows per file = target bytes / raw bytes per row; a tiny target gives one row a file.
    const warehouse = await warehouseWith(FIRST_WAVE);
    const request = { ...(await requestFor(warehouse.store, 'run-1')), targetFileBytes: 1 };

    // act
    const manifest = await createDuckDbCompactor({ store: warehouse.store }).compact(request);

    // assess
    const current = manifest.tables.find((table) => table.name === 'listings_current');
    expect(current?.partitions.map((p) => [p.location, p.files, p.rows])).toEqual([
      ['curated/listings_current/state=CA/', 3, 3],
      ['curated/listings_current/state=TX/', 1, 1],
    ]);
    const rows = asObjects(
      await queryWarehouse(
        warehouse,
        'SELECT state, count(*) AS n FROM listings_current GROUP BY state ORDER BY state',
      ),
    );
    expect(rows).toEqual([
      { state: 'CA', n: 3 },
      { state: 'TX', n: 1 },
    ]);
  });

  it('recompacts a late day and the days after it to the same rows a full compaction gives', async () => {
    // prepare
    const incremental = await warehouseWith(FIRST_WAVE);
    const compactor = createDuckDbCompactor({ store: incremental.store });
    await compactor.compact(await requestFor(incremental.store, 'run-1'));
    const before = new Set((await allRawObjects(incremental.store)).map((o) => o.key));
    for (const batch of LATE_WAVE) await writeRawBatch(incremental.store, batch);
    const late = (await allRawObjects(incremental.store)).filter((o) => !before.has(o.key));
    const full = await warehouseWith(FIRST_WAVE, LATE_WAVE);

    // act
    const manifest = await compactor.compact({
      ...(await requestFor(incremental.store, 'run-2')),
      partitions: changedPartitions(late, RAW_LISTINGS_PREFIX, undefined),
    });
    await createDuckDbCompactor({ store: full.store }).compact(await requestFor(full.store, 'run-full'));

    // assess
    // A raw day holds every state, so a late day recompacts every state from that day on.
    expect(manifest.scope.every((entry) => entry.fromDt === '2026-11-19')).toBe(true);
    expect(manifest.scope.map((entry) => entry.state)).toEqual(expect.arrayContaining(['CA', 'TX']));
    const rewritten = manifest.tables[0]?.partitions.map((p) => p.values.join('/')) ?? [];
    expect(rewritten).toEqual(
      expect.arrayContaining(['2026-11-19/CA', '2026-11-20/CA', '2026-11-21/CA', '2026-11-22/CA']),
    );
    expect(rewritten.every((partition) => partition >= '2026-11-19')).toBe(true);
    const rows = await history(incremental);
    expect(rows.find((r) => r['property_id'] === 'P2' && r['dt'] === '2026-11-20')).toMatchObject({
      previous_list_price: 290_000,
      list_price_change: 10_000,
      list_price_change_pct: (10_000 * 100) / 290_000,
    });
    expect(rows).toEqual(await history(full));
    const current = 'SELECT * FROM listings_current ORDER BY property_id';
    expect(await queryWarehouse(incremental, current)).toEqual(await queryWarehouse(full, current));
  });

  it('changes nothing when it runs again over the same input', async () => {
    // prepare
    const warehouse = await warehouseWith(FIRST_WAVE);
    const compactor = createDuckDbCompactor({ store: warehouse.store });
    await compactor.compact(await requestFor(warehouse.store, 'run-1'));
    const keys = await storedKeys(warehouse.store, 'curated/listings_');
    const rows = await history(warehouse);

    // act
    await compactor.compact(await requestFor(warehouse.store, 'run-2'));

    // assess
    expect(await storedKeys(warehouse.store, 'curated/listings_')).toEqual(keys);
    expect(await history(warehouse)).toEqual(rows);
  });

  it('leaves the previous curated state in place when stopped before it commits', async () => {
    // prepare
    const warehouse = await warehouseWith(FIRST_WAVE);
    const compactor = createDuckDbCompactor({ store: warehouse.store });
    await compactor.compact(await requestFor(warehouse.store, 'run-1'));
    const rows = await history(warehouse);
    for (const batch of LATE_WAVE) await writeRawBatch(warehouse.store, batch);
    const stop = new AbortController();

    // act
    const run = compactor.compact(await requestFor(warehouse.store, 'run-2'), {
      signal: stop.signal,
      onProgress: ({ step }) => {
        if (step === 'writing') stop.abort();
      },
    });

    // assess
    await expect(run).rejects.toThrow(CompactionError);
    expect(await history(warehouse)).toEqual(rows);
    expect(await warehouse.store.get(manifestKey('run-2'))).toBeUndefined();
  });

  it('reads a store that is not a local directory through copies of its objects', async () => {
    // prepare
    const store = new InMemoryObjectStore();
    for (const batch of FIRST_WAVE) await writeRawBatch(store, batch);

    // act
    const manifest = await createDuckDbCompactor({ store }).compact(await requestFor(store, 'run-1'));

    // assess
    expect(manifest.input.observations).toBe(11);
    expect(
      [...store.objects.keys()].filter((key) => key.startsWith('curated/listings_history/')),
    ).toHaveLength(6);
  });

  it('refuses to start while another compaction holds the lock', async () => {
    // prepare
    const warehouse = await warehouseWith(FIRST_WAVE);
    const lockPath = `${warehouse.dir}/compaction`;
    const first = createDuckDbCompactor({ store: warehouse.store, lockPath });
    const second = createDuckDbCompactor({ store: warehouse.store, lockPath });
    const request = await requestFor(warehouse.store, 'run-1');

    let refused: Promise<unknown> = Promise.resolve('not started');

    // act
    const manifest = await first.compact(request, {
      onProgress: ({ step }) => {
        if (step === 'listing')
          refused = second.compact({ ...request, runId: 'run-2' }).catch((error) => error);
      },
    });

    // assess
    expect(manifest.runId).toBe('run-1');
    const error = await refused;
    expect(error).toBeInstanceOf(CompactionError);
    expect(String(error)).toMatch(/another compaction is running/);
  });
});
