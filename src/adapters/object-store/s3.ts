import {
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { StoreError } from '../../errors.js';
import type { ObjectStore, StoredObject } from '../../ports/object-store.js';
import { assertKeyPrefix, assertObjectKey, s3ObjectUri } from './object-key.js';
import { s3ErrorName, storeErrorOf } from './s3-errors.js';
import { putMultipart } from './s3-multipart.js';

export interface S3StoreOptions {
  client: S3Client;
  bucket: string;
  /** Objects larger than this go up in parts (default 16 MiB). */
  multipartThresholdBytes?: number;
  /** Size of each part but the last (default 8 MiB; S3 requires at least 5 MiB). */
  partSizeBytes?: number;
  /** Keys per ListObjectsV2 page (default and S3's maximum: 1000). */
  listPageSize?: number;
}

// S3 limits: parts are 5 MiB to 5 GiB (the last may be smaller); DeleteObjects takes at most 1000 keys.
const MIN_PART_BYTES = 5 * 1024 * 1024;
const DELETE_BATCH = 1000;

/** An ObjectStore over one S3 bucket (or an S3-compatible server): CRC32 checksums, multipart for large objects. */
export function createS3Store(options: S3StoreOptions): ObjectStore {
  const { client, bucket } = options;
  const partSizeBytes = options.partSizeBytes ?? 8 * 1024 * 1024;
  const thresholdBytes = options.multipartThresholdBytes ?? 16 * 1024 * 1024;
  if (!Number.isInteger(partSizeBytes) || partSizeBytes < MIN_PART_BYTES) {
    throw new StoreError(
      `partSizeBytes ${partSizeBytes} is below S3's minimum part size; use at least ${MIN_PART_BYTES}`,
    );
  }

  return {
    async put(key, body, putOptions) {
      assertObjectKey(key);
      const contentType = putOptions?.contentType;
      try {
        if (body.byteLength > thresholdBytes) {
          await putMultipart({ client, bucket, key, body, partSizeBytes, contentType });
          return;
        }
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentLength: body.byteLength,
            ChecksumAlgorithm: 'CRC32',
            ...(contentType === undefined ? {} : { ContentType: contentType }),
          }),
        );
      } catch (error) {
        throw storeErrorOf(error, `put s3://${bucket}/${key}`);
      }
    },

    async get(key) {
      assertObjectKey(key);
      try {
        const response = await client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key, ChecksumMode: 'ENABLED' }),
        );
        if (!response.Body) return new Uint8Array(0);
        return await response.Body.transformToByteArray();
      } catch (error) {
        if (s3ErrorName(error) === 'NoSuchKey') return undefined;
        throw storeErrorOf(error, `get s3://${bucket}/${key}`);
      }
    },

    list(prefix) {
      return listObjects(client, bucket, prefix, options.listPageSize ?? 1000);
    },

    async delete(keys) {
      for (const key of keys) assertObjectKey(key);
      for (let start = 0; start < keys.length; start += DELETE_BATCH) {
        const batch = keys.slice(start, start + DELETE_BATCH);
        await deleteBatch(client, bucket, batch);
      }
    },

    uri: (key) => s3ObjectUri(bucket, key),
  };
}

async function* listObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  pageSize: number,
): AsyncGenerator<StoredObject> {
  assertKeyPrefix(prefix);
  const pages = paginateListObjectsV2({ client, pageSize }, { Bucket: bucket, Prefix: prefix });
  try {
    for await (const page of pages) {
      // S3 lists keys in UTF-8 binary order, the order the port promises.
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield { key: object.Key, size: object.Size ?? 0, lastModified: object.LastModified?.getTime() ?? 0 };
      }
    }
  } catch (error) {
    throw storeErrorOf(error, `list s3://${bucket}/${prefix}`);
  }
}

async function deleteBatch(client: S3Client, bucket: string, keys: readonly string[]): Promise<void> {
  const response = await client
    .send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
        ChecksumAlgorithm: 'CRC32',
      }),
    )
    .catch((error: unknown) => {
      throw storeErrorOf(error, `delete ${keys.length} objects from s3://${bucket}`);
    });
  const failed = response.Errors ?? [];
  if (failed.length > 0) {
    const first = failed[0];
    throw new StoreError(
      `could not delete ${failed.length} of ${keys.length} objects from s3://${bucket} (first: ${first?.Key} ${first?.Code}: ${first?.Message}); check the role's s3:DeleteObject permission and retry`,
    );
  }
}
