import { StoreError } from '../../errors.js';

/** Name prefix of in-flight temp files; no key segment may start with it, so listings can skip them. */
export const TEMP_MARKER = '.realty-tmp-';

// S3's limit: a key is at most 1024 bytes of UTF-8.
const MAX_KEY_BYTES = 1024;
// Control characters (C0, DEL, C1): NUL truncates paths in C APIs, the others make keys unreadable in logs and consoles.
const CONTROL_CHARACTER = /\p{Cc}/u;
// With the u flag a surrogate pair is one code point, so \p{Cs} matches only unpaired halves (not encodable as UTF-8).
const LONE_SURROGATE = /\p{Cs}/u;

function shown(value: string): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Why `text` is not made of clean characters, or undefined when it is. */
function characterProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate';
  if (Buffer.byteLength(text, 'utf8') > MAX_KEY_BYTES) return `is longer than ${MAX_KEY_BYTES} UTF-8 bytes`;
  if (CONTROL_CHARACTER.test(text)) return 'contains a control character (NUL, newline, ...)';
  if (text.includes('\\')) return 'contains a backslash';
  if (text.startsWith('/')) return 'is absolute (starts with "/")';
  return undefined;
}

/** Why `segment` is not a clean path segment, or undefined when it is. */
function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'has an empty segment ("//" or a trailing "/")';
  if (segment === '.' || segment === '..') return `has a "${segment}" segment`;
  if (segment.startsWith(TEMP_MARKER)) return `has a segment starting with the reserved "${TEMP_MARKER}"`;
  return undefined;
}

/** Throws StoreError unless `key` is a clean relative key: no `..`, no absolute path, no backslash, no empty segment, no NUL. */
export function assertObjectKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '') {
    throw new StoreError(
      `object key ${String(key)} is not a non-empty string; pass a key like "raw/listings/x.parquet"`,
    );
  }
  const problem = characterProblem(key) ?? key.split('/').map(segmentProblem).find(Boolean);
  if (problem) {
    throw new StoreError(
      `object key ${shown(key)} ${problem}; keys are relative paths of non-empty segments, e.g. "raw/listings/dt=2026-11-20/state=CA/x.parquet"`,
    );
  }
}

/** Throws StoreError unless `prefix` is '' or a clean key prefix (its last segment may be partial or empty). */
export function assertKeyPrefix(prefix: unknown): asserts prefix is string {
  if (typeof prefix !== 'string') {
    throw new StoreError(`list prefix ${String(prefix)} is not a string; pass '' to list every object`);
  }
  const segments = prefix.split('/');
  const problem = characterProblem(prefix) ?? segments.slice(0, -1).map(segmentProblem).find(Boolean);
  if (problem) {
    throw new StoreError(
      `list prefix ${shown(prefix)} ${problem}; use a prefix of a clean key, e.g. "raw/listings/"`,
    );
  }
}

/** Key order as S3 lists it: binary order of the UTF-8 bytes (not UTF-16 code units, which differ above U+FFFF). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The s3:// URI of a key in a bucket, as the S3 store names its objects. */
export function s3ObjectUri(bucket: string, key: string): string {
  assertObjectKey(key);
  return `s3://${bucket}/${key}`;
}
