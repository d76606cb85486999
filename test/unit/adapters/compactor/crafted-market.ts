import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHyparquetEncoder } from '../../../../src/adapters/parquet/hyparquet-writer.js';
import { changedPartitions } from '../../../../src/compaction/compaction-scope.js';
import { deriveFields } from '../../../../src/domain/derive-fields.js';
import { eventIdFor } from '../../../../src/domain/event-id.js';
import {
  LISTING_COLUMNS,
  type ListingRecord,
  type ListingStatus,
} from '../../../../src/domain/listing-record.js';
import { RAW_LISTINGS_PREFIX, rawObjectKey } from '../../../../src/domain/partition-path.js';
import type { CompactionRequest } from '../../../../src/ports/compactor.js';
import type { ObjectStore } from '../../../../src/ports/object-store.js';
import { repoRoot } from '../../../helpers/fixtures.js';

const TOPIC = 'realty.listings.v1';

// The canonical record we made for the Parquet tests: every column filled, the template of each observation.
const template = (
  JSON.parse(
    readFileSync(path.join(repoRoot, 'test', 'fixtures', 'parquet', 'listing-records.json'), 'utf8'),
  ) as ListingRecord[]
)[0] as ListingRecord;

export interface ObservationSpec {
  property: string;
  /** The instant it was observed, ISO-8601 UTC. */
  at: string;
  state?: string;
  status?: ListingStatus;
  price?: number | null;
  listDate?: string | null;
  changes?: Partial<ListingRecord>;
}

/** One observation as the transform would have produced it: event id, partition and derived fields. */
export function observation(spec: ObservationSpec): ListingRecord {
  const observedAt = Date.parse(spec.at);
  const state = spec.state ?? 'CA';
  const base: ListingRecord = {
    ...template,
    property_id: spec.property,
    listing_id: `L${spec.property}`,
    status: spec.status ?? 'for_sale',
    list_price: spec.price === undefined ? 500_000 : spec.price,
    list_date: spec.listDate === null ? null : Date.parse(spec.listDate ?? '2026-11-01T08:00:00Z'),
    state_code: state,
    state,
    observed_at: observedAt,
    dt: spec.at.slice(0, 10),
    ...spec.changes,
  };
  const record = { ...base, ...deriveFields(base, observedAt) };
  return { ...record, event_id: eventIdFor(record) };
}

export interface RawBatch {
  /** Kafka partition and first offset: the raw object keys the transform would write. */
  partition: number;
  firstOffset: number;
  records: ListingRecord[];
}

/** Writes a batch the way the transform does: one Parquet object per dt (state a column), keyed by offsets. */
export async function writeRawBatch(store: ObjectStore, batch: RawBatch): Promise<string[]> {
  const groups = new Map<string, ListingRecord[]>();
  for (const record of batch.records) {
    const id = record.dt;
    groups.set(id, [...(groups.get(id) ?? []), record]);
  }
  const encoder = createHyparquetEncoder();
  const keys: string[] = [];
  for (const records of groups.values()) {
    const first = records[0] as ListingRecord;
    const key = rawObjectKey({
      topic: TOPIC,
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      lastOffset: batch.firstOffset + batch.records.length - 1,
      dt: first.dt,
    });
    await store.put(
      key,
      await encoder.encode(records, [...LISTING_COLUMNS, { name: 'state', type: 'string' }]),
    );
    keys.push(key);
  }
  return keys;
}

const p1Nov18 = observation({ property: 'P1', at: '2026-11-18T10:00:00Z', price: 500_000 });

/**
 * Four listings over four days, as at-least-once delivery and a busy market leave them: a batch delivered
 * twice, a same-day re-fetch, a price cut and a status change on one day, a gap day, a sale with no list
 * price, an unchanged day, a rental without a price, a price of 0, a missing list date, a coming-soon
 * listing, and batches whose offsets run against the observation times.
 */
export const FIRST_WAVE: RawBatch[] = [
  {
    partition: 0,
    firstOffset: 100,
    records: [
      observation({ property: 'P1', at: '2026-11-19T18:00:00Z', status: 'pending', price: 480_000 }),
      observation({ property: 'P1', at: '2026-11-19T09:00:00Z', price: 480_000 }),
      observation({ property: 'P2', at: '2026-11-19T11:00:00Z', price: 300_000 }),
    ],
  },
  { partition: 0, firstOffset: 10, records: [p1Nov18] },
  // The same batch again from another partition's retry, and a same-day re-fetch of the same state.
  { partition: 1, firstOffset: 10, records: [p1Nov18] },
  {
    partition: 1,
    firstOffset: 20,
    records: [observation({ property: 'P1', at: '2026-11-18T16:00:00Z', price: 500_000 })],
  },
  {
    partition: 2,
    firstOffset: 0,
    records: [
      observation({
        property: 'P1',
        at: '2026-11-21T08:00:00Z',
        status: 'sold',
        price: null,
        changes: { sold_price: 475_000 },
      }),
      observation({ property: 'P2', at: '2026-11-20T12:00:00Z', price: 300_000 }),
      observation({ property: 'P2', at: '2026-11-21T12:00:00Z', status: 'off_market', price: 300_000 }),
      observation({ property: 'P4', at: '2026-11-20T12:00:00Z', price: 0, listDate: null }),
      observation({
        property: 'P4',
        at: '2026-11-21T12:00:00Z',
        price: 100_000,
        listDate: '2026-12-01T00:00:00Z',
      }),
    ],
  },
  {
    partition: 3,
    firstOffset: 0,
    records: [
      observation({
        property: 'P3',
        state: 'TX',
        at: '2026-11-20T15:00:00Z',
        status: 'for_rent',
        price: null,
        changes: { list_price_min: 2_400, list_price_max: 2_600, city: null, county: null },
      }),
      observation({
        property: 'P3',
        state: 'TX',
        at: '2026-11-21T15:00:00Z',
        status: 'for_rent',
        price: 2_500,
      }),
    ],
  },
];

/** Arrives after the first compaction: a late evening price cut of P2 on 2026-11-19, and a new listing. */
export const LATE_WAVE: RawBatch[] = [
  {
    partition: 0,
    firstOffset: 200,
    records: [
      observation({ property: 'P2', at: '2026-11-19T20:00:00Z', price: 290_000 }),
      observation({ property: 'P5', at: '2026-11-22T10:00:00Z', price: 750_000 }),
    ],
  },
];

/** Keys of the raw data files now in the store. */
export async function rawKeys(store: ObjectStore): Promise<Set<string>> {
  const keys = new Set<string>();
  for await (const object of store.list(RAW_LISTINGS_PREFIX)) keys.add(object.key);
  return keys;
}

/** A request for the raw partitions holding one of `keys` (every raw partition when omitted). */
export async function requestFor(
  store: ObjectStore,
  runId: string,
  keys?: Set<string>,
): Promise<CompactionRequest> {
  const objects = [];
  for await (const object of store.list(RAW_LISTINGS_PREFIX))
    if (!keys || keys.has(object.key)) objects.push(object);
  return {
    runId,
    database: 'realty',
    partitions: changedPartitions(objects, RAW_LISTINGS_PREFIX, undefined),
    targetFileBytes: 128 * 1024 * 1024,
    watermarkMs: 1_000,
  };
}
