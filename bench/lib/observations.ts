import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encoderByName } from '../../src/adapters/parquet/encoder-by-name.js';
import { RAW_COLUMNS, type RawListingRow } from '../../src/domain/listing-record.js';
import { parseListing } from '../../src/domain/parse-listing.js';
import { rawObjectKey, rawPartitionPrefix } from '../../src/domain/partition-path.js';
import { listingSnapshot, type Market } from '../../src/local/sandbox/listing-snapshot.js';
import { listingsBy } from '../../src/local/sandbox/listing-timeline.js';
import { toV3Result } from '../../src/local/sandbox/v3-result.js';
import { ensureRawTable, RAW_TABLE } from '../../src/pipeline/raw-table.js';
import type { Catalog } from '../../src/ports/catalog.js';
import type { ObjectStore } from '../../src/ports/object-store.js';

const DAY_MS = 86_400_000;
const TOPIC = 'realty.listings.v1';
// Rows per raw object: about what one transform invocation writes for a day at the trigger's defaults.
const ROWS_PER_OBJECT = 5_000;
// What the sandbox's areas ask for: every listing on the market, sold ones included.
const SEARCHED: ReadonlySet<string> = new Set(['for_sale', 'for_rent', 'sold', 'contingent', 'pending']);

/**
 * Writes about `rows` observations into listings_raw of a local-directory store: the sandbox market observed day after day (one file per
 * day and state, as a compacted day would hold), each observation exactly what the API would return and the
 * transform would make of it. Resolves with the rows written and the days they cover.
 */
export async function writeObservations(
  target: { store: ObjectStore; catalog: Catalog; database: string },
  rows: number,
  days: number,
): Promise<{ rows: number; days: number }> {
  await ensureRawTable(target.catalog, target.database);
  const market: Market = {
    seed: 42,
    listings: Math.ceil(rows / days / 0.8),
    startMs: Date.parse('2026-10-01T00:00:00Z'),
  };
  const encoder = encoderByName('flat');
  let written = 0;
  let offset = 0;
  let day = 0;
  for (; written < rows; day++) {
    const observed = observeDay(market, day, rows - written, () => offset++);
    for (let start = 0; start < observed.length; start += ROWS_PER_OBJECT) {
      const group = observed.slice(start, start + ROWS_PER_OBJECT);
      const dt = (group[0] as RawListingRow).dt;
      const key = rawObjectKey({
        topic: TOPIC,
        partition: 0,
        firstOffset: group[0]!.kafka_offset,
        lastOffset: group.at(-1)!.kafka_offset,
        dt,
      });
      // Scratch data: written straight to the local bucket's file, without the store's two fsyncs per object.
      const file = target.store.uri(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, await encoder.encode(group, RAW_COLUMNS));
      await target.catalog.addPartitions(target.database, RAW_TABLE, [
        { values: [dt], location: rawPartitionPrefix(dt) },
      ]);
      written += group.length;
    }
  }
  return { rows: written, days: day };
}

/** Up to `limit` observations of one market day, in offset order. */
function observeDay(market: Market, day: number, limit: number, nextOffset: () => number): RawListingRow[] {
  const observedAt = market.startMs + day * DAY_MS + 12 * 3_600_000;
  const context = { source: 'realty-in-us/v3', searchArea: 'bench', observedAt };
  const observed: RawListingRow[] = [];
  let taken = 0;
  for (let index = 0; index < listingsBy(market, day) && taken < limit; index++) {
    const snapshot = listingSnapshot(market, index, day);
    if (snapshot === null || !SEARCHED.has(snapshot.stage)) continue;
    const parsed = parseListing(toV3Result(snapshot), context);
    if (!parsed.ok) continue;
    const row = parsed.record as RawListingRow;
    row.run_id = 'bench';
    row.kafka_topic = TOPIC;
    row.kafka_partition = 0;
    row.kafka_offset = nextOffset();
    observed.push(row);
    taken++;
  }
  return observed;
}
