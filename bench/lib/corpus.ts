import { createRealtorApiSource } from '../../src/adapters/listing-source/realtor-api.js';
import { searchAreaLabel } from '../../src/domain/search-area.js';
import { startSandbox } from '../../src/local/sandbox/sandbox.js';
import { MSK_INVOKE_PAYLOAD_LIMIT_BYTES } from '../../src/msk/esm-settings.js';
import { buildMskEvent, type MskEventSource } from '../../src/msk/msk-event.js';
import type { MskEvent } from '../../src/msk/msk-event-types.js';
import { MskPayloadMeter } from '../../src/msk/msk-payload-meter.js';
import { partitionFor } from '../../src/msk/partitioner.js';
import { toOutgoingRecord } from '../../src/pipeline/ingest-listings.js';
import type { ConsumedRecord } from '../../src/ports/event-bus.js';

/** Raw listings exactly as the sandbox API served them, with the page they came on. */
export interface ListingCorpus {
  /** The produced records (key, value bytes, lineage headers), as ingest hands them to the bus. */
  records: ConsumedRecord[];
  /** Mean size of a value in bytes. */
  meanValueBytes: number;
  /** Calendar day the market was observed on. */
  observedDay: string;
}

const TOPIC = 'realty.listings.v1';
const PARTITIONS = 6;
// A sandbox market of N homes lists about 80% of them on day 0 (3,000 gave 2,469): ask for a margin.
const MARKET_MARGIN = 1.3;

const EVENT_SOURCE: MskEventSource = {
  eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/bench/0a1b2c3d-1111-2222-3333-444455556666-1',
  bootstrapServers: 'b-1.bench.kafka.us-east-1.amazonaws.com:9098',
};

const fetched = new Map<string, Promise<ListingCorpus>>();

/** fetchCorpus, once per size and seed in this process: the benchmarks that share records fetch them once. */
export function sharedCorpus(count: number, seed = 42): Promise<ListingCorpus> {
  const key = `${count}/${seed}`;
  let corpus = fetched.get(key);
  if (corpus === undefined) {
    corpus = fetchCorpus(count, seed);
    fetched.set(key, corpus);
  }
  return corpus;
}

/**
 * Fetches `count` listings from a fresh sandbox through the real API client (no rate limit), and turns each into
 * the record ingest produces: key = property_id, value = the result's JSON, lineage headers, murmur2 partition.
 */
export async function fetchCorpus(count: number, seed = 42): Promise<ListingCorpus> {
  const sandbox = await startSandbox({
    listings: Math.ceil(count * MARKET_MARGIN),
    rateLimitPerSecond: 0,
    seed,
  });
  const records: ConsumedRecord[] = [];
  const offsets = new Array<number>(PARTITIONS).fill(0);
  let observedAt = 0;
  try {
    const source = createRealtorApiSource({
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      host: sandbox.host,
    });
    for (const area of sandbox.areas) {
      for await (const page of source.pages(area)) {
        for (const result of page.results) {
          if (records.length === count) break;
          const outgoing = toOutgoingRecord(result, page, searchAreaLabel(area), 'bench');
          const partition = partitionFor(outgoing.key ?? '', PARTITIONS);
          const offset = offsets[partition] ?? 0;
          offsets[partition] = offset + 1;
          records.push({
            topic: TOPIC,
            partition,
            offset,
            timestamp: page.fetchedAt,
            timestampType: 'CREATE_TIME',
            key: outgoing.key === null ? null : new TextEncoder().encode(outgoing.key),
            value: outgoing.value,
            headers: Object.entries(outgoing.headers).map(([name, text]) => [
              name,
              new TextEncoder().encode(text),
            ]),
          });
          observedAt = page.fetchedAt;
        }
      }
      if (records.length === count) break;
    }
  } finally {
    await sandbox.close();
  }
  const valueBytes = records.reduce((sum, r) => sum + (r.value?.byteLength ?? 0), 0);
  return {
    records,
    meanValueBytes: valueBytes / Math.max(records.length, 1),
    observedDay: new Date(observedAt).toISOString().slice(0, 10),
  };
}

/** The corpus cut into MSK batch events of `batchRecords` each, as the Lambda trigger would deliver them. */
export function mskBatches(corpus: ListingCorpus, batchRecords: number): MskEvent[] {
  const events: MskEvent[] = [];
  for (let from = 0; from < corpus.records.length; from += batchRecords) {
    events.push(buildMskEvent(corpus.records.slice(from, from + batchRecords), EVENT_SOURCE));
  }
  return events;
}

/** The largest MSK event the corpus fills from its start without passing Lambda's 6 MB invocation cap. */
export function fullPayloadBatch(corpus: ListingCorpus): MskEvent {
  const meter = new MskPayloadMeter(EVENT_SOURCE);
  const taken = [];
  for (const record of corpus.records) {
    if (meter.bytesWith(record) > MSK_INVOKE_PAYLOAD_LIMIT_BYTES) break;
    meter.add(record);
    taken.push(record);
  }
  return buildMskEvent(taken, EVENT_SOURCE);
}
