import { describe, expect, it } from 'vitest';
import { BusError } from '../../../src/errors.js';
import {
  type IngestSummary,
  ingestListings,
  RUN_LOG_SAVE_INTERVAL_MS,
  runLogKey,
} from '../../../src/pipeline/ingest-listings.js';
import type { EventProducer, TopicPartitionOffset } from '../../../src/ports/event-bus.js';
import type { ListingSource, SearchArea, SourcePage } from '../../../src/ports/listing-source.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';
import { ManualClock } from '../../helpers/manual-clock.js';

const TOPIC = 'realty.listings.v1';
const area = (postalCode: string): SearchArea => ({
  kind: 'postal_code',
  postalCode,
  statuses: ['for_sale'],
});
const AREAS = ['94110', '10001', '73301'].map(area);

/** Two pages of two listings per area; `during` runs before each page is handed over. */
function source(
  clock: ManualClock,
  during: (area: string, page: number) => Promise<void> = async () => {},
  pageMs = 1_000,
) {
  let requests = 0;
  const listingSource: ListingSource = {
    async *pages(searchArea) {
      const zip = searchArea.kind === 'postal_code' ? searchArea.postalCode : searchArea.city;
      for (let page = 0; page < 2; page += 1) {
        requests += 1;
        await during(zip, page);
        clock.advance(pageMs);
        const results = [0, 1].map((i) => ({ property_id: `${zip}-${page}-${i}` }));
        yield {
          area: searchArea,
          offset: page * 2,
          total: 4,
          results,
          fetchedAt: clock.now(),
          source: 'test',
        } satisfies SourcePage;
      }
    },
    stats: () => ({ requests, retries: 0, rateLimited: 0, failedAreas: 0 }),
  };
  return listingSource;
}

function producer(failOn?: (count: number) => boolean): EventProducer {
  let next = 0;
  return {
    ensureTopic: async () => {},
    close: async () => {},
    async produce(topic, records) {
      if (failOn?.(next)) throw new BusError('broker gone');
      return records.map((): TopicPartitionOffset => ({ topic, partition: 0, offset: next++ }));
    },
  };
}

async function logOf(store: InMemoryObjectStore, runId: string): Promise<IngestSummary | undefined> {
  const body = await store.get(runLogKey(runId));
  return body === undefined ? undefined : (JSON.parse(new TextDecoder().decode(body)) as IngestSummary);
}

const input = {
  runId: 'r1-d0',
  areas: AREAS,
  areaLabel: (a: SearchArea) => (a.kind === 'postal_code' ? a.postalCode : a.city),
};

describe('ingestListings run log', () => {
  it('writes a started log before the first request', async () => {
    const store = new InMemoryObjectStore();
    const clock = new ManualClock();
    const seen: (IngestSummary | undefined)[] = [];
    const listings = source(clock, async (zip, page) => {
      if (zip === '94110' && page === 0) seen.push(await logOf(store, 'r1-d0'));
    });

    await ingestListings(input, {
      source: listings,
      producer: producer(),
      store,
      topic: TOPIC,
      clock: clock.now,
    });

    expect(seen[0]).toMatchObject({ runId: 'r1-d0', status: 'started', fetched: 0, produced: 0 });
  });

  it('saves what was fetched so far after each area, so a log left started says how far the ingest got', async () => {
    const store = new InMemoryObjectStore();
    const clock = new ManualClock();
    const seen: (IngestSummary | undefined)[] = [];
    const listings = source(clock, async (zip, page) => {
      if (zip === '73301' && page === 0) seen.push(await logOf(store, 'r1-d0'));
    });

    await ingestListings(input, {
      source: listings,
      producer: producer(),
      store,
      topic: TOPIC,
      clock: clock.now,
    });

    expect(seen[0]).toMatchObject({ status: 'started', fetched: 8, produced: 8 });
    expect(seen[0]?.producedOffsets).toEqual([
      { topic: TOPIC, partition: 0, ranges: [{ first: 0, last: 7 }] },
    ]);
  });

  it('saves within a long area too, once a page comes RUN_LOG_SAVE_INTERVAL_MS after the last save', async () => {
    const store = new InMemoryObjectStore();
    const clock = new ManualClock();
    const seen: (IngestSummary | undefined)[] = [];
    const slowPages = source(
      clock,
      async (zip, page) => {
        if (zip === '94110' && page === 1) seen.push(await logOf(store, 'r1-d0'));
      },
      RUN_LOG_SAVE_INTERVAL_MS,
    );

    await ingestListings(input, {
      source: slowPages,
      producer: producer(),
      store,
      topic: TOPIC,
      clock: clock.now,
    });

    expect(seen[0]).toMatchObject({ status: 'started', fetched: 2, produced: 2 });
  });

  it('closes the log completed when every area was fetched', async () => {
    const store = new InMemoryObjectStore();
    const clock = new ManualClock();

    const summary = await ingestListings(input, {
      source: source(clock),
      producer: producer(),
      store,
      topic: TOPIC,
      clock: clock.now,
    });

    expect(summary).toMatchObject({ status: 'completed', fetched: 12, produced: 12, failedAreas: [] });
    expect(await logOf(store, 'r1-d0')).toEqual(summary);
  });

  it('closes the log failed, naming the area, when the bus gave out', async () => {
    const store = new InMemoryObjectStore();
    const clock = new ManualClock();

    const summary = await ingestListings(input, {
      source: source(clock),
      producer: producer((count) => count >= 4),
      store,
      topic: TOPIC,
      clock: clock.now,
    });

    expect(summary).toMatchObject({ status: 'failed', fetched: 6, produced: 4 });
    expect(summary.failedAreas).toEqual([{ area: '10001', code: 'REALTY_BUS', message: 'broker gone' }]);
    expect((await logOf(store, 'r1-d0'))?.status).toBe('failed');
  });
});
