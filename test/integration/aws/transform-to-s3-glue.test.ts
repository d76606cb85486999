import { randomBytes } from 'node:crypto';
import { GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlueCatalog } from '../../../src/adapters/catalog/glue.js';
import { createS3Store } from '../../../src/adapters/object-store/s3.js';
import { encoderByName } from '../../../src/adapters/parquet/encoder-by-name.js';
import { lineageHeaders } from '../../../src/domain/lineage.js';
import { buildMskEvent } from '../../../src/msk/msk-event.js';
import { ensureRawTable } from '../../../src/pipeline/raw-table.js';
import { transformBatch } from '../../../src/pipeline/transform-batch.js';
import type { ConsumedRecord } from '../../../src/ports/event-bus.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import { hasSharedFixtures, loadFixture } from '../../helpers/fixtures.js';
import { MOTO_CREDENTIALS, MOTO_REGION, type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;

const OBSERVED_AT = Date.UTC(2026, 10, 20, 8, 0, 0);
const encoder = new TextEncoder();

/** The renty fixture's 10 real v3 results as the ingest produces them, plus one record that is not a listing. */
function mskEventOfFixture(): {
  event: ReturnType<typeof buildMskEvent>;
  listings: number;
  propertyIds: string[];
} {
  const page = loadFixture<{ data: { home_search: { results: { property_id: string }[] } } }>(
    'realtor-api',
    'realty-in-us_v3_list_90004_for_sale_limit10_renty.json',
  );
  const values = [...page.data.home_search.results.map((r) => JSON.stringify(r)), '{"not":"a listing"}'];
  const headers = lineageHeaders({
    source: 'realty-in-us/v3',
    searchArea: 'postal:90004',
    observedAt: OBSERVED_AT,
    runId: 'run-1',
    pageOffset: 0,
  });
  const records: ConsumedRecord[] = values.map((value, offset) => ({
    topic: 'realty.listings.v1',
    partition: 2,
    offset: 100 + offset,
    timestamp: OBSERVED_AT,
    timestampType: 'CREATE_TIME',
    key: encoder.encode(`key-${offset}`),
    value: encoder.encode(value),
    headers: Object.entries(headers).map(([k, v]) => [k, encoder.encode(v)]),
  }));
  const event = buildMskEvent(records, {
    eventSourceArn:
      'arn:aws:kafka:us-east-1:123456789012:cluster/realty/abcd1234-abcd-cafe-abab-9876543210ab-4',
    bootstrapServers: 'b-1.realty.kafka.us-east-1.amazonaws.com:9098',
  });
  const propertyIds = page.data.home_search.results.map((r) => String(r.property_id));
  return { event, listings: propertyIds.length, propertyIds };
}

async function keysUnder(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys;
}

beforeAll(async () => {
  moto = await startMoto();
});

afterAll(async () => {
  await moto?.stop();
});

describe.skipIf(!hasSharedFixtures)('transform writing to S3 and registering in Glue (moto server)', () => {
  it('writes real listings as Parquet under raw/, dead-letters the rest, and registers the partition in Glue', async () => {
    const s3 = new S3Client({
      endpoint: moto.endpoint,
      region: MOTO_REGION,
      credentials: MOTO_CREDENTIALS,
      forcePathStyle: true,
    });
    const glue = new GlueClient({
      endpoint: moto.endpoint,
      region: MOTO_REGION,
      credentials: MOTO_CREDENTIALS,
    });
    const bucket = `realty-${randomBytes(4).toString('hex')}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const store = createS3Store({ client: s3, bucket });
    const catalog = createGlueCatalog({ client: glue, bucket });
    await ensureRawTable(catalog, 'realty');
    const { event, listings, propertyIds } = mskEventOfFixture();
    const deps = {
      store,
      catalog,
      encoder: encoderByName('hyparquet'),
      clock: () => OBSERVED_AT,
      database: 'realty',
    };

    const outcome = await transformBatch(event, deps);
    const retried = await transformBatch(event, deps);

    const raw = await keysUnder(store, 'raw/listings/');
    expect(outcome).toMatchObject({
      records: listings + 1,
      written: listings,
      deadLettered: 1,
      partitionsAdded: 1,
      batchItemFailures: [],
    });
    expect(retried).toMatchObject({ written: listings, partitionsAdded: 0 });
    expect(raw).toEqual([
      'raw/listings/dt=2026-11-20/realty.listings.v1-p2-o000000000100-000000000109.parquet',
    ]);
    expect(await keysUnder(store, 'dead-letter/')).toHaveLength(1);
    expect(await catalog.listPartitions('realty', 'listings_raw')).toEqual([
      { values: ['2026-11-20'], location: 'raw/listings/dt=2026-11-20/' },
    ]);
    const bytes = (await store.get(raw[0]!))!;
    const rows = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    expect(rows).toHaveLength(listings);
    expect(new Set(rows.map((r) => r['property_id']))).toEqual(new Set(propertyIds));
    s3.destroy();
    glue.destroy();
  }, 60_000);
});
