import { afterEach, describe, expect, it } from 'vitest';
import { listingSnapshot, type Market } from '../../../../src/local/sandbox/listing-snapshot.js';
import { arrivalsPerDay, listingsBy } from '../../../../src/local/sandbox/listing-timeline.js';
import { type Sandbox, startSandbox } from '../../../../src/local/sandbox/sandbox.js';
import { toV3Result } from '../../../../src/local/sandbox/v3-result.js';
import { fetchAll, listBody, postList } from './post-list.js';

/** The fields of a v3 result these tests read. */
interface Json {
  property_id: string;
  status: string;
  list_price: number;
  list_price_min: number;
  list_price_max: number;
  price_reduced_amount: number;
  last_sold_price: number;
  last_sold_date: string;
  list_date: string;
  last_update_date: string;
  flags: Record<string, boolean | null>;
  description: { sold_price: number | null };
}
const market: Market = { seed: 42, listings: 1_500, startMs: Date.UTC(2024, 1, 15) };
const memo = new Map<string, Json | null>();

function resultOn(index: number, day: number): Json | null {
  const key = `${index}@${day}`;
  if (!memo.has(key)) {
    const snapshot = listingSnapshot(market, index, day);
    memo.set(key, snapshot === null ? null : (toV3Result(snapshot) as unknown as Json));
  }
  return memo.get(key) ?? null;
}

/** Every listing that exists on `later`, with its result on `earlier` (null if not listed yet). */
function pairs(earlier: number, later: number): { before: Json | null; after: Json }[] {
  const out: { before: Json | null; after: Json }[] = [];
  for (let i = 0; i < listingsBy(market, later); i += 1) {
    const after = resultOn(i, later);
    if (after !== null) out.push({ before: resultOn(i, earlier), after });
  }
  return out;
}

describe('the sandbox market over days', () => {
  it('gains new listings every day, flagged as new', () => {
    const changes = pairs(0, 10);

    const fresh = changes.filter((c) => c.before === null);

    expect(fresh).toHaveLength(arrivalsPerDay(market) * 10);
    expect(fresh.every((c) => c.after.flags.is_new_listing === true)).toBe(true);
    expect(fresh.every((c) => c.after.list_date > '2024-02-15T23:59:59')).toBe(true);
  });

  it('cuts prices, reporting the cut and flagging the listing', () => {
    const cut = pairs(0, 30).filter((c) => c.before !== null && c.after.list_price < c.before.list_price);

    expect(cut.length).toBeGreaterThan(50);
    for (const { before, after } of cut) {
      expect(after.flags.is_price_reduced).toBe(true);
      expect(after.price_reduced_amount).toBeGreaterThan(0);
      expect(after.price_reduced_amount).toBeLessThanOrEqual(
        (before?.list_price as number) - after.list_price,
      );
    }
  });

  it('puts listings under contract: contingent or pending, still status for_sale', () => {
    const contracted = pairs(0, 30).filter(
      (c) =>
        c.before?.status === 'for_sale' &&
        c.before.flags.is_pending === null &&
        c.before.flags.is_contingent === null,
    );
    const pending = contracted.filter((c) => c.after.flags.is_pending === true);
    const contingent = contracted.filter((c) => c.after.flags.is_contingent === true);

    expect(pending.length).toBeGreaterThan(100);
    expect(contingent.length).toBeGreaterThan(5);
    expect([...pending, ...contingent].every((c) => c.after.status === 'for_sale')).toBe(true);
  });

  it('sells listings with a sold price near the asking price and the sale date', () => {
    const sold = pairs(0, 60).filter((c) => c.before?.status === 'for_sale' && c.after.status === 'sold');

    expect(sold.length).toBeGreaterThan(200);
    for (const { after } of sold) {
      expect(after.description.sold_price).toBe(after.last_sold_price);
      expect(after.last_sold_date > '2024-02-15' && after.last_sold_date <= '2024-04-15').toBe(true);
      expect(after.last_sold_price / after.list_price).toBeGreaterThan(0.94);
      expect(after.last_sold_price / after.list_price).toBeLessThan(1.07);
    }
  });

  it('rents out a share of the market: for_rent, with single rents or community ranges', () => {
    const rentals = pairs(0, 0)
      .map((c) => c.after)
      .filter((r) => r.status === 'for_rent');
    const ranges = rentals.filter((r) => r.list_price === null);

    expect(rentals.length).toBeGreaterThan(70);
    expect(rentals.every((r) => r.list_price === null || r.list_price < 40_000)).toBe(true);
    expect(ranges.length).toBeGreaterThan(10);
    expect(ranges.every((r) => r.list_price_min < r.list_price_max)).toBe(true);
  });

  it('never updates a listing before it was listed', () => {
    const all = pairs(0, 45).map((c) => c.after);

    for (const r of all)
      expect(Date.parse(r.last_update_date)).toBeGreaterThanOrEqual(Date.parse(r.list_date));
  });
});

describe('advanceDays over HTTP', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
  });

  it('shows the next days of the same market', async () => {
    sandbox = await startSandbox({ rateLimitPerSecond: 0, listings: market.listings, seed: market.seed });
    const before = await fetchAll(sandbox, listBody('90004', { status: ['for_sale', 'sold'] }));

    sandbox.advanceDays(30);
    const after = await fetchAll(sandbox, listBody('90004', { status: ['for_sale', 'sold'] }));

    const expected = [];
    for (let i = 0; i < listingsBy(market, 30); i += 44) {
      const r = resultOn(i, 30);
      if (r !== null && (r.status === 'for_sale' || r.status === 'sold')) expected.push(r.property_id);
    }
    expect(after.map((r) => r.property_id).sort()).toEqual(expected.sort());
    expect(after).not.toEqual(before);
    expect(sandbox.stats().day).toBe(30);
  });

  it('answers the newest listings first, as the real request sorts on list_date desc', async () => {
    sandbox = await startSandbox({ rateLimitPerSecond: 0 });

    const page = JSON.parse((await postList(sandbox, listBody('02135'))).text).data.home_search
      .results as Json[];

    const dates = page.map((r) => r.list_date as string);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
