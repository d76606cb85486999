import { encoderByName } from '../../../../src/adapters/parquet/encoder-by-name.js';
import { RAW_COLUMNS, type RawListingRow } from '../../../../src/domain/listing-record.js';
import { parseListing } from '../../../../src/domain/parse-listing.js';
import type { PartitionSpec } from '../../../../src/ports/catalog.js';
import type { ObjectStore } from '../../../../src/ports/object-store.js';
import { ALL_FIXTURES, fixtureResults } from '../../../unit/domain/realtor-fixtures.js';

const DAY_MS = 86_400_000;

/**
 * listings_raw rows from every real Realtor response in ../shared/fixtures, each observed twice (a day apart,
 * at odd milliseconds): many nulls, four states, v2 and v3 shapes, two dt partitions per state. The lineage is
 * made up the way the transform fills it: offsets beyond 2^31, and no run id on every third row.
 */
export function realListingRecords(): RawListingRow[] {
  const records: RawListingRow[] = [];
  for (const fixture of ALL_FIXTURES) {
    for (const [i, raw] of fixtureResults(fixture).entries()) {
      for (const observedAt of [fixture.observedAt + 123 + i, fixture.observedAt + DAY_MS + 987 + i]) {
        const parsed = parseListing(raw, { source: fixture.name, searchArea: fixture.file, observedAt });
        if (!parsed.ok) continue;
        const n = records.length;
        records.push({
          ...parsed.record,
          run_id: n % 3 === 0 ? null : `run-${observedAt}`,
          kafka_topic: 'realty.listings.v1',
          kafka_partition: n % 6,
          kafka_offset: 3_000_000_000 + n,
        });
      }
    }
  }
  return records;
}

/**
 * Writes raw rows as the transform lays them out, `<location>dt=.../part-<n>.parquet` (state a column), one file per
 * day and state with the project's own encoders, alternating hyparquet and parquetjs-lite; returns the days written.
 */
export async function writePartitions(
  store: ObjectStore,
  location: string,
  records: readonly RawListingRow[],
): Promise<PartitionSpec[]> {
  const byPartition = new Map<string, RawListingRow[]>();
  for (const record of records) {
    const key = `${record.dt}\u0000${record.state}`;
    byPartition.set(key, [...(byPartition.get(key) ?? []), record]);
  }
  const partitions = new Map<string, PartitionSpec>();
  let n = 0;
  for (const rows of byPartition.values()) {
    const { dt } = rows[0] as RawListingRow;
    const prefix = `${location}dt=${dt}/`;
    const encoder = encoderByName(n % 2 === 0 ? 'hyparquet' : 'parquetjs-lite');
    await store.put(`${prefix}part-${n++}.parquet`, await encoder.encode(rows, RAW_COLUMNS));
    partitions.set(dt, { values: [dt], location: prefix });
  }
  return [...partitions.values()];
}
