import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Store } from '../../../src/adapters/object-store/s3.js';
import { StoreError } from '../../../src/errors.js';
import { describeObjectStoreContract } from '../../contract/object-store-contract.js';
import { startAwsLimitsProxy } from './aws-limits-proxy.js';
import { MOTO_CREDENTIALS, MOTO_REGION, type MotoServer, startMoto } from './moto-server.js';

let moto: MotoServer;
let proxy: Awaited<ReturnType<typeof startAwsLimitsProxy>>;

function s3Client(endpoint: string, maxAttempts = 3): S3Client {
  return new S3Client({
    endpoint,
    region: MOTO_REGION,
    credentials: MOTO_CREDENTIALS,
    forcePathStyle: true,
    maxAttempts,
  });
}

async function freshBucket(client: S3Client): Promise<string> {
  const bucket = `realty-${randomBytes(5).toString('hex')}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startAwsLimitsProxy(moto.endpoint, { partitionsPerPage: 100, resultRowsPerPage: 1000 });
});

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

describeObjectStoreContract('S3 (moto server)', async () => {
  const client = s3Client(moto.endpoint);
  const bucket = await freshBucket(client);
  return { store: createS3Store({ client, bucket }), cleanup: async () => client.destroy() };
});

describe('S3 store against moto', () => {
  it('uploads an object over the threshold in parts that read back whole, with a CRC32 checksum per part', async () => {
    const client = s3Client(moto.endpoint);
    const bucket = await freshBucket(client);
    const mib = 1024 * 1024;
    const store = createS3Store({ client, bucket, multipartThresholdBytes: 6 * mib, partSizeBytes: 5 * mib });
    const body = randomBytes(12 * mib + 123);

    await store.put('curated/big.parquet', body, { contentType: 'application/vnd.apache.parquet' });
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'curated/big.parquet', ChecksumMode: 'ENABLED' }),
    );
    const got = await store.get('curated/big.parquet');

    expect(head.ETag).toMatch(/-3"$/);
    // AWS reports a composite checksum ('...-3'); moto one over the whole object: either way, parts carried one.
    expect(head.ChecksumCRC32).toBeDefined();
    expect(head.ContentType).toBe('application/vnd.apache.parquet');
    expect(Buffer.from(got!).equals(body)).toBe(true);
    client.destroy();
  });

  it('stores the CRC32 of the bytes of a single-request put', async () => {
    const client = s3Client(moto.endpoint);
    const bucket = await freshBucket(client);
    const store = createS3Store({ client, bucket });
    const body = randomBytes(4096);
    const expected = Buffer.alloc(4);
    expected.writeUInt32BE(crc32(body));

    await store.put('raw/x.parquet', body);
    const head = await client.send(
      new HeadObjectCommand({ Bucket: bucket, Key: 'raw/x.parquet', ChecksumMode: 'ENABLED' }),
    );

    expect(head.ChecksumCRC32).toBe(expected.toString('base64'));
    client.destroy();
  });

  it('retries a put that S3 throttles with 503 SlowDown, and the object arrives once', async () => {
    const bucket = await freshBucket(s3Client(moto.endpoint));
    const client = s3Client(proxy.endpoint, 4);
    const store = createS3Store({ client, bucket });
    const before = proxy.calls.length;

    proxy.failNextRequests(2);
    await store.put('raw/retried.parquet', new Uint8Array([1, 2, 3]));

    const statuses = proxy.calls.slice(before).map((c) => c.status);
    expect(statuses).toEqual([503, 503, 200]);
    expect([...(await store.get('raw/retried.parquet'))!]).toEqual([1, 2, 3]);
    client.destroy();
  });

  it('lists more than one page of objects, following the continuation token', async () => {
    const client = s3Client(moto.endpoint);
    const bucket = await freshBucket(client);
    const store = createS3Store({ client, bucket, listPageSize: 3 });
    const keys = Array.from({ length: 10 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
    await store.put('other/x', new Uint8Array(1));
    await Promise.all(keys.map((key) => store.put(key, new Uint8Array(1))));

    const listed: string[] = [];
    for await (const object of store.list('many/')) listed.push(object.key);

    expect(listed).toEqual(keys);
    await store.delete(keys);
    const left: string[] = [];
    for await (const object of store.list('')) left.push(object.key);
    expect(left).toEqual(['other/x']);
    client.destroy();
  });

  it('says the bucket does not exist and how to fix it, as a StoreError', async () => {
    const client = s3Client(moto.endpoint);
    const store = createS3Store({ client, bucket: 'realty-no-such-bucket' });

    const error = await store.put('raw/x', new Uint8Array(1)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/NoSuchBucket.*REALTY_BUCKET/);
    client.destroy();
  });

  it('names the object as an s3:// URI', () => {
    const store = createS3Store({ client: s3Client(moto.endpoint), bucket: 'realty-data' });

    expect(store.uri('raw/listings/dt=2026-11-20/state=CA/x.parquet')).toBe(
      's3://realty-data/raw/listings/dt=2026-11-20/state=CA/x.parquet',
    );
  });
});
