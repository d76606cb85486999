import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export interface MultipartUpload {
  client: S3Client;
  bucket: string;
  key: string;
  body: Uint8Array;
  partSizeBytes: number;
  contentType: string | undefined;
  /** Parts in flight at once (default 4). */
  concurrency?: number;
}

/**
 * Uploads a body in parts with a CRC32 checksum each, through the SDK's managed upload (`@aws-sdk/lib-storage`):
 * S3 makes the object visible only on completion, so readers never see a part, and a failure aborts the upload
 * (leavePartsOnError false), so no orphan parts are billed. It refuses a body that needs over 10,000 parts.
 */
export async function putMultipart(upload: MultipartUpload): Promise<void> {
  const managed = new Upload({
    client: upload.client,
    params: {
      Bucket: upload.bucket,
      Key: upload.key,
      Body: upload.body,
      ChecksumAlgorithm: 'CRC32',
      ...(upload.contentType === undefined ? {} : { ContentType: upload.contentType }),
    },
    partSize: upload.partSizeBytes,
    queueSize: upload.concurrency ?? 4,
    leavePartsOnError: false,
  });
  await managed.done();
}
