import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDuckDbCompactor } from '../../../../src/adapters/compactor/duckdb.js';
import type { ListingRecord } from '../../../../src/domain/listing-record.js';
import { OUTCOME_FEATURE_NAMES } from '../../../../src/pipeline/listing-outcomes-table.js';
import { observation, requestFor, writeRawBatch } from './crafted-market.js';
import { asObjects, createWarehouse, queryWarehouse } from './curated-reader.js';

// Three weeks from a Monday, so an episode's zip context (the week before its first week) is often there.
const FIRST_DAY_MS = Date.UTC(2026, 10, 2);
const DAY_MS = 86_400_000;
const day = (n: number) => new Date(FIRST_DAY_MS + n * DAY_MS).toISOString().slice(0, 10);

interface ListingPlan {
  listDay: number;
  firstSeenLag: number;
  days: number;
  price: number;
  cutEvery: number;
  sqft: number;
  end: 'active' | 'sold' | 'withdrawn';
}

const listingPlan: fc.Arbitrary<ListingPlan> = fc.record({
  listDay: fc.integer({ min: 0, max: 16 }),
  firstSeenLag: fc.integer({ min: 0, max: 3 }),
  days: fc.integer({ min: 1, max: 12 }),
  price: fc.integer({ min: 200, max: 900 }).map((k) => k * 1_000),
  cutEvery: fc.integer({ min: 2, max: 6 }),
  sqft: fc.integer({ min: 600, max: 4_000 }),
  end: fc.constantFrom('active' as const, 'sold' as const, 'withdrawn' as const),
});

/** A listing's observations, day by day: cuts now and then, then under contract and sold, or withdrawn. */
function history(plan: ListingPlan, i: number): ListingRecord[] {
  const first = plan.listDay + plan.firstSeenLag;
  const records: ListingRecord[] = [];
  for (let k = 0; k < plan.days && first + k < 21; k += 1) {
    const last = k === plan.days - 1;
    const pending = plan.end === 'sold' && k >= Math.floor(plan.days / 2) && !last;
    const sold = plan.end === 'sold' && last && k > 0;
    const changes: Partial<ListingRecord> = { sqft: plan.sqft, is_pending: pending };
    if (sold) Object.assign(changes, { sold_price: plan.price - 7_000, last_sold_date: day(first + k - 1) });
    records.push(
      observation({
        property: `G${i}`,
        at: `${day(first + k)}T10:00:00Z`,
        listDate: `${day(plan.listDay)}T08:00:00Z`,
        price: plan.price - Math.floor(k / plan.cutEvery) * 5_000,
        status: sold ? 'sold' : plan.end === 'withdrawn' && last && k > 0 ? 'off_market' : 'for_sale',
        changes,
      }),
    );
  }
  return records;
}

/** Every observation after `cutoff` removed, or changed (price, size, bedrooms, status): the future rewritten. */
function rewriteAfter(records: readonly ListingRecord[], cutoff: string, mode: 'remove' | 'alter') {
  const kept = records.filter((r) => r.dt <= cutoff);
  if (mode === 'remove') return kept;
  const altered = records
    .filter((r) => r.dt > cutoff)
    .map((r) =>
      observation({
        property: r.property_id,
        at: new Date(r.observed_at).toISOString(),
        listDate: new Date(r.list_date ?? 0).toISOString(),
        price: Math.round((r.list_price ?? 400_000) * 0.7),
        status: r.status === 'for_sale' ? 'sold' : 'for_sale',
        changes: { sqft: (r.sqft ?? 1_000) + 100, beds: 9, sold_price: 1, last_sold_date: r.dt },
      }),
    );
  return [...kept, ...altered];
}

/** listing_outcomes of a full DuckDB compaction of `records`, keyed by episode. */
async function outcomesOf(records: readonly ListingRecord[]): Promise<Map<string, Record<string, unknown>>> {
  const warehouse = await createWarehouse('realty-leakage-');
  try {
    await writeRawBatch(warehouse.store, { partition: 0, firstOffset: 0, records: [...records] });
    await createDuckDbCompactor({ store: warehouse.store }).compact(await requestFor(warehouse.store, 'all'));
    const rows = asObjects(
      await queryWarehouse(
        warehouse,
        `SELECT state, ${OUTCOME_FEATURE_NAMES.join(', ')} FROM listing_outcomes`,
      ),
    );
    return new Map(rows.map((row) => [`${row['state']}/${row['property_id']}/${row['listing_id']}`, row]));
  } finally {
    await rm(warehouse.dir, { recursive: true, force: true });
  }
}

describe('listing_outcomes is point-in-time correct', () => {
  it('is empty, and the compaction goes through, when no listing was seen listed (rentals only)', async () => {
    const rentals = [1, 2].map((n) =>
      observation({ property: `R${n}`, at: `${day(n)}T10:00:00Z`, status: 'for_rent', price: 2_500 }),
    );

    const outcomes = await outcomesOf(rentals);

    expect(outcomes.size).toBe(0);
  });

  it('gives every episode first seen by a day the same features when every later observation is removed or rewritten', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(listingPlan, { minLength: 2, maxLength: 5 }),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom('remove' as const, 'alter' as const),
        async (plans, cutoffDay, mode) => {
          // prepare
          const records = plans.flatMap((plan, i) => history(plan, i));
          const cutoff = day(cutoffDay);

          // act
          const [actual, rewritten] = [
            await outcomesOf(records),
            await outcomesOf(rewriteAfter(records, cutoff, mode)),
          ];

          // assess
          const known = [...actual].filter(([, row]) => String(row['first_seen_dt']) <= cutoff);
          for (const [episode, features] of known) expect(rewritten.get(episode), episode).toEqual(features);
        },
      ),
      { numRuns: 20, endOnFailure: true },
    );
  }, 300_000);
});
