export interface StoredObject {
  key: string;
  size: number;
  lastModified: number;
}

/** A bucket: S3 in production, a directory laid out like the bucket on one machine. */
export interface ObjectStore {
  /** Writes an object atomically: readers see the old object or the whole new one, never a part. */
  put(key: string, body: Uint8Array, options?: { contentType?: string }): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  delete(keys: readonly string[]): Promise<void>;
  /** The URI an engine reads the key at: `s3://bucket/key` or an absolute file path. */
  uri(key: string): string;
}
