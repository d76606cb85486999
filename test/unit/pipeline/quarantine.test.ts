import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalDirStore } from '../../../src/adapters/object-store/local-dir.js';
import { createHyparquetEncoder } from '../../../src/adapters/parquet/hyparquet-writer.js';
import { parquetDamage } from '../../../src/adapters/parquet/parquet-damage.js';
import { LISTING_COLUMNS } from '../../../src/domain/listing-record.js';
import {
  describeQuarantined,
  quarantineDamagedFiles,
  quarantinedKeys,
} from '../../../src/pipeline/quarantine.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import { listingRecords } from '../adapters/query/warehouse.js';

const RAW = 'raw/listings/dt=2026-12-01/realty.listings.v1-p0-o000000000000-000000000005.parquet';
const CURATED = 'curated/listings_current/state=CT/part-00000.parquet';

describe('quarantineDamagedFiles', () => {
  let dir: string;
  let store: ObjectStore;
  let good: Uint8Array;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-quarantine-'));
    store = createLocalDirStore({ root: dir });
    good = await createHyparquetEncoder().encode(listingRecords, LISTING_COLUMNS);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file found whole once, and again only after it changed, so the check does not grow with history', async () => {
    await store.put(RAW, good);
    await store.put(CURATED, good);
    const read: string[] = [];
    const counting = {
      damage: (bytes: Uint8Array) => {
        read.push(String(bytes.byteLength));
        return parquetDamage(bytes);
      },
    };
    await quarantineDamagedFiles({ store, ...counting });
    read.length = 0;

    const unchanged = await quarantineDamagedFiles({ store, ...counting });
    const readUnchanged = read.length;
    await store.put(RAW, good.slice(0, 100));
    const afterCut = await quarantineDamagedFiles({ store, ...counting });

    expect(unchanged).toEqual([]);
    expect(readUnchanged).toBe(0);
    expect(read).toEqual(['100']);
    expect(afterCut.map((file) => file.key)).toEqual([RAW]);
  });

  it('moves a damaged raw file under quarantine/, keeps its bytes, and leaves the intact files alone', async () => {
    await store.put(RAW, good.slice(0, 100));
    await store.put(CURATED, good);

    const moved = await quarantineDamagedFiles({ store, damage: parquetDamage });

    expect(moved).toEqual([
      {
        key: RAW,
        movedTo: `quarantine/${RAW}`,
        reason: 'ends without the PAR1 footer (100 bytes: cut short?)',
      },
    ]);
    expect(await store.get(RAW)).toBeUndefined();
    expect(await store.get(`quarantine/${RAW}`)).toEqual(good.slice(0, 100));
    expect(await store.get(CURATED)).toEqual(good);
    expect(await quarantinedKeys(store)).toEqual([RAW]);
  });

  it('checks the curated tables too, and says how each kind of file comes back', async () => {
    await store.put(CURATED, new Uint8Array(10));
    await store.put(RAW, new Uint8Array(10));

    const moved = await quarantineDamagedFiles({ store, damage: parquetDamage });

    expect(moved.map((file) => file.key).sort()).toEqual([CURATED, RAW]);
    expect(describeQuarantined(moved.find((f) => f.key === RAW)!)).toMatch(/with `realty replay`$/);
    expect(describeQuarantined(moved.find((f) => f.key === CURATED)!)).toMatch(
      /`realty compact --partitions`/,
    );
  });

  it('does nothing when every file is whole', async () => {
    await store.put(RAW, good);

    expect(await quarantineDamagedFiles({ store, damage: parquetDamage })).toEqual([]);
  });
});
