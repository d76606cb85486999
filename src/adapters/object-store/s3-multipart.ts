import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { StoreError } from '../../errors.js';

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

// S3 allows at most 10,000 parts per upload.
const MAX_PARTS = 10_000;

/** Byte ranges [start, end) of the parts of a body: all `partSizeBytes` long except the last. */
export function partRanges(totalBytes: number, partSizeBytes: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let start = 0; start < totalBytes; start += partSizeBytes) {
    ranges.push([start, Math.min(totalBytes, start + partSizeBytes)]);
  }
  return ranges;
}

/**
 * Uploads a body in parts with a CRC32 checksum each; S3 makes the object visible only on completion,
 * so readers never see a part. Any failure aborts the upload, so no orphan parts are billed.
 */
export async function putMultipart(upload: MultipartUpload): Promise<void> {
  const { client, bucket, key, body } = upload;
  const ranges = partRanges(body.byteLength, upload.partSizeBytes);
  if (ranges.length > MAX_PARTS) {
    throw new StoreError(
      `s3://${bucket}/${key} would need ${ranges.length} parts, over S3's ${MAX_PARTS}; raise partSizeBytes`,
    );
  }
  const created = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      ChecksumAlgorithm: 'CRC32',
      ...(upload.contentType === undefined ? {} : { ContentType: upload.contentType }),
    }),
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new StoreError(`S3 gave no UploadId for s3://${bucket}/${key}; retry`);
  try {
    const parts = await uploadParts(upload, uploadId, ranges);
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined); // the lifecycle rule's AbortIncompleteMultipartUpload cleans up what this misses
    throw error;
  }
}

async function uploadParts(
  upload: MultipartUpload,
  uploadId: string,
  ranges: [number, number][],
): Promise<CompletedPart[]> {
  const parts: CompletedPart[] = new Array(ranges.length);
  let next = 0;
  const worker = async () => {
    while (next < ranges.length) {
      const index = next++;
      const [start, end] = ranges[index]!;
      const response = await upload.client.send(
        new UploadPartCommand({
          Bucket: upload.bucket,
          Key: upload.key,
          UploadId: uploadId,
          PartNumber: index + 1,
          Body: upload.body.subarray(start, end),
          ContentLength: end - start,
          ChecksumAlgorithm: 'CRC32',
        }),
      );
      parts[index] = { PartNumber: index + 1, ETag: response.ETag, ChecksumCRC32: response.ChecksumCRC32 };
    }
  };
  const workers = Math.min(upload.concurrency ?? 4, ranges.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return parts;
}
