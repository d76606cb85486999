import type { ConsumedRecord } from '../ports/event-bus.js';
import type { MskRecord } from './msk-event-types.js';

/**
 * An MSK record built over the Kafka record's own bytes: its base64 `key` and `value` and its signed-byte `headers`
 * are made only if read, and JSON.stringify writes exactly what toMskRecord's plain record writes (toJSON). The
 * transform reads the bytes themselves (mskValueBytes, mskHeaderText), so a batch built on a worker thread is
 * never encoded only to be decoded again three calls later (docs/raw-layout.md).
 */
export class ByteBackedMskRecord implements MskRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestamp: number;
  readonly timestampType: 'CREATE_TIME' | 'LOG_APPEND_TIME';
  readonly #source: ConsumedRecord;

  constructor(source: ConsumedRecord) {
    this.topic = source.topic;
    this.partition = source.partition;
    this.offset = source.offset;
    this.timestamp = source.timestamp;
    this.timestampType = source.timestampType;
    this.#source = source;
  }

  /** Base64 of the key; null when the record has none (serialised, the field is left out, as AWS does). */
  get key(): string | null {
    const key = this.#source.key;
    return key === null ? null : base64Of(key);
  }

  /** Base64 of the value; null for a tombstone (serialised, the field is left out, as AWS does). */
  get value(): string | null {
    const value = this.#source.value;
    return value === null ? null : base64Of(value);
  }

  get headers(): Record<string, number[]>[] {
    return this.#source.headers.map(([name, bytes]) => ({ [name]: toSignedBytes(bytes) }));
  }

  /** The value's bytes (null for a tombstone), as `value` encodes them. */
  valueBytes(): Uint8Array | null {
    return this.#source.value;
  }

  /** The header values as UTF-8 text by name (the last wins when a name repeats). */
  headerText(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [name, bytes] of this.#source.headers) out.set(name, headerValueText(bytes));
    return out;
  }

  /** The record as the Lambda MSK trigger writes it, field order included: what JSON.stringify serialises. */
  toJSON(): MskRecord {
    return toMskRecord(this.#source);
  }
}

/** One record exactly as the Lambda MSK trigger writes it (field order included). */
export function toMskRecord(record: ConsumedRecord): MskRecord {
  // A record without key (or a tombstone without value) arrives from AWS with the field absent, not null:
  // powertools had to make `key` optional (powertools-lambda-python#6508, -typescript#3841) and to accept an
  // absent `value` (powertools-lambda-typescript#5016) after real MSK events failed their parsers.
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    ...(record.key === null ? {} : { key: base64Of(record.key) }),
    ...(record.value === null ? {} : { value: base64Of(record.value) }),
    headers: record.headers.map(([name, bytes]) => ({ [name]: toSignedBytes(bytes) })),
  };
}

function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

// AWS serialises header values as Java byte[] elements, which are signed: "ë" arrives as [-61, -85]
// (aws-lambda-go#506, aws-lambda-dotnet#1476, powertools-lambda-python#6862).
// A plain loop: Array.from with a mapping function calls it per byte, and every record carries lineage headers.
function toSignedBytes(bytes: Uint8Array): number[] {
  const signed = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    signed[i] = b > 127 ? b - 256 : b;
  }
  return signed;
}

/** A header value's text: ASCII straight from its codes (lineage headers are ids, numbers, labels), else UTF-8. */
export function headerValueText(bytes: ArrayLike<number>): string {
  const ascii = bytes.length <= MAX_SPREAD_BYTES && isAscii(bytes);
  return ascii
    ? String.fromCharCode.apply(null, bytes as number[])
    : Buffer.from(Uint8Array.from(bytes, (b) => b & 0xff)).toString('utf8');
}

// Passing more arguments than this to one call risks V8's argument limit; longer headers take the Buffer path.
const MAX_SPREAD_BYTES = 1_024;

// Bytes above 127 (which AWS sends as negative Java bytes) go through UTF-8 decoding.
function isAscii(bytes: ArrayLike<number>): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte < 0 || byte > 127) return false;
  }
  return true;
}

/** The bytes a record's `value` encodes (null when absent): read from a byte-backed record, else base64-decoded. */
export function mskValueBytes(record: MskRecord): Uint8Array | null {
  if (record instanceof ByteBackedMskRecord) return record.valueBytes();
  return record.value === undefined || record.value === null ? null : Buffer.from(record.value, 'base64');
}

/** A record's header values as text by name (the last wins when a name repeats). */
export function mskHeaderText(record: MskRecord): Map<string, string> {
  if (record instanceof ByteBackedMskRecord) return record.headerText();
  const out = new Map<string, string>();
  for (const header of record.headers) {
    for (const name in header) out.set(name, headerValueText(header[name] as number[]));
  }
  return out;
}
