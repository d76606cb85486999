import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCatalog } from '../../../src/adapters/catalog/local-file.js';
import { createDuckDbCompactor } from '../../../src/adapters/compactor/duckdb.js';
import { LATEST_MANIFEST_KEY, parseCompactionManifest } from '../../../src/compaction/compaction-manifest.js';
import { US_STATE_CODES } from '../../../src/domain/us-state-codes.js';
import { compactListings } from '../../../src/pipeline/compact-listings.js';
import type { StoredObject } from '../../../src/ports/object-store.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';
import { ManualClock } from '../../helpers/manual-clock.js';
import { FIRST_WAVE, LATE_WAVE, type RawBatch, writeRawBatch } from '../adapters/compactor/crafted-market.js';

/** A bucket whose objects carry the (manual) time they were written, as S3's LastModified does. */
class StampedStore extends InMemoryObjectStore {
  readonly written = new Map<string, number>();

  constructor(private readonly clock: ManualClock) {
    super();
  }

  override async put(key: string, body: Uint8Array): Promise<void> {
    this.written.set(key, this.clock.now());
    await super.put(key, body);
  }

  override async *list(prefix: string): AsyncIterable<StoredObject> {
    for await (const object of super.list(prefix))
      yield { ...object, lastModified: this.written.get(object.key) ?? 0 };
  }
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const clock = new ManualClock();
  const store = new StampedStore(clock);
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-compact-listings-'));
  dirs.push(dir);
  const catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
  const compactor = createDuckDbCompactor({ store, clock: clock.now });
  const deps = { store, catalog, compactor, clock: clock.now };
  const write = async (wave: RawBatch[]) => {
    for (const batch of wave) await writeRawBatch(store, batch);
  };
  return { clock, store, catalog, deps, write };
}

const options = { database: 'realty', targetFileBytes: 128 * 1024 * 1024, watermarkGraceMs: 60_000 };

describe('compactListings', () => {
  it('compacts every raw partition on the first run and registers the curated partitions it wrote', async () => {
    // prepare
    const { deps, write, catalog, clock } = await setup();
    await write(FIRST_WAVE);
    clock.advance(10 * 60_000);

    // act
    const outcome = await compactListings(deps, options);

    // assess
    // A raw day holds every state: the first day, every state.
    expect(outcome.requested).toEqual(
      US_STATE_CODES.toSorted().map((state) => ({ dt: '2026-11-18', state })),
    );
    expect(outcome.summary).toMatchObject({ rawFiles: 8, rawRows: 13, rowsDeduped: 2 });
    // 6 of listings_history, 2 of listings_current, 2 of market_weekly (the week of 2026-11-16 in CA and TX),
    // 1 of price_changes (the week of 2026-11-16 in CA, the one state with a price change),
    // 1 of listing_outcomes (CA: TX has a rental only, no listing episode)
    expect(outcome.partitionsRegistered).toBe(12);
    expect((await catalog.listPartitions('realty', 'price_changes')).map((p) => p.values)).toEqual([
      ['2026-11-16', 'CA'],
    ]);
    expect((await catalog.listPartitions('realty', 'listing_outcomes')).map((p) => p.values)).toEqual([
      ['CA'],
    ]);
    expect((await catalog.listPartitions('realty', 'market_weekly')).map((p) => p.values)).toEqual([
      ['2026-11-16', 'CA'],
      ['2026-11-16', 'TX'],
    ]);
    expect((await catalog.listPartitions('realty', 'listings_current')).map((p) => p.values)).toEqual([
      ['CA'],
      ['TX'],
    ]);
    expect(outcome.manifest?.watermarkMs).toBe(clock.now() - 60_000);
  });

  it('compacts only the partitions with raw files written after the last run, and their later days', async () => {
    // prepare
    const { deps, write, clock } = await setup();
    await write(FIRST_WAVE);
    clock.advance(10 * 60_000);
    await compactListings(deps, options);
    clock.advance(10 * 60_000);
    await write(LATE_WAVE);
    clock.advance(10 * 60_000);

    // act
    const outcome = await compactListings(deps, options);

    // assess
    // The late wave reaches back to 2026-11-19: every state is recompacted from that day.
    expect(outcome.requested).toEqual(
      US_STATE_CODES.toSorted().map((state) => ({ dt: '2026-11-19', state })),
    );
    expect(outcome.manifest?.scope.every((entry) => entry.fromDt === '2026-11-19')).toBe(true);
    expect(outcome.partitionsRegistered).toBe(1);
  });

  it('does nothing when no raw file arrived since the last run', async () => {
    // prepare
    const { deps, write, clock, store } = await setup();
    await write(FIRST_WAVE);
    clock.advance(10 * 60_000);
    await compactListings(deps, options);
    const latest = await store.get(LATEST_MANIFEST_KEY);
    clock.advance(10 * 60_000);

    // act
    const outcome = await compactListings(deps, options);

    // assess
    expect(outcome).toEqual({
      requested: [],
      manifest: undefined,
      summary: undefined,
      partitionsRegistered: 0,
    });
    expect(await store.get(LATEST_MANIFEST_KEY)).toEqual(latest);
  });

  it('keeps the previous watermark when asked for given partitions, so the next run still finds the rest', async () => {
    // prepare
    const { deps, write, clock, store } = await setup();
    await write(FIRST_WAVE);
    clock.advance(10 * 60_000);

    // act
    await compactListings(deps, {
      ...options,
      partitions: [{ dt: '2026-11-21', state: 'TX' }],
      runId: 'only-tx',
    });

    // assess
    const latest = parseCompactionManifest(
      new TextDecoder().decode(await store.get(LATEST_MANIFEST_KEY)),
      'latest',
    );
    expect(latest).toMatchObject({
      runId: 'only-tx',
      watermarkMs: 0,
      scope: [{ state: 'TX', fromDt: '2026-11-21' }],
    });
    const next = await compactListings(deps, options);
    expect(next.requested).toHaveLength(US_STATE_CODES.length);
  });
});
