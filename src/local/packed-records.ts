import type { ConsumedRecord } from '../ports/event-bus.js';

/**
 * A batch of consumed records in three flat buffers a worker thread can take without a copy (transferred,
 * not cloned): the bytes of every key, value and header value back to back, and the numbers that cut them apart.
 */
export interface PackedRecords {
  /** Distinct topic names, indexed by the records' topic field in `meta`. */
  topics: string[];
  /** Header names in record order, one per header. */
  headerNames: string[];
  /** Per record: META_FIELDS numbers (see packRecords). */
  meta: Float64Array;
  /** Per header: the length of its value. */
  headerLengths: Int32Array;
  /** Keys, values and header values, in record order. */
  bytes: Uint8Array;
}

// topic index, partition, offset, timestamp, timestamp type, key length, value length, header count.
const META_FIELDS = 8;
const ABSENT = -1;
const LOG_APPEND_TIME = 1;

/** Packs records into transferable buffers, copying each byte once; unpackRecords gives them back. */
export function packRecords(records: readonly ConsumedRecord[]): PackedRecords {
  const topics: string[] = [];
  const headerNames: string[] = [];
  const meta = new Float64Array(records.length * META_FIELDS);
  let byteCount = 0;
  let headerCount = 0;
  for (const record of records) {
    byteCount += (record.key?.length ?? 0) + (record.value?.length ?? 0);
    for (const [, value] of record.headers) byteCount += value.length;
    headerCount += record.headers.length;
  }
  const bytes = new Uint8Array(byteCount);
  const headerLengths = new Int32Array(headerCount);
  let at = 0;
  let header = 0;
  records.forEach((record, index) => {
    let topic = topics.indexOf(record.topic);
    if (topic === -1) topic = topics.push(record.topic) - 1;
    meta.set(
      [
        topic,
        record.partition,
        record.offset,
        record.timestamp,
        record.timestampType === 'LOG_APPEND_TIME' ? LOG_APPEND_TIME : 0,
        record.key?.length ?? ABSENT,
        record.value?.length ?? ABSENT,
        record.headers.length,
      ],
      index * META_FIELDS,
    );
    for (const part of [record.key, record.value]) {
      if (part === null) continue;
      bytes.set(part, at);
      at += part.length;
    }
    for (const [name, value] of record.headers) {
      headerNames.push(name);
      headerLengths[header++] = value.length;
      bytes.set(value, at);
      at += value.length;
    }
  });
  return { topics, headerNames, meta, headerLengths, bytes };
}

/** The buffers postMessage should transfer: after it, the sender's views of them are empty. */
export function transferablesOf(packed: PackedRecords): ArrayBuffer[] {
  return [packed.meta.buffer, packed.headerLengths.buffer, packed.bytes.buffer] as ArrayBuffer[];
}

/** The records packRecords packed, as views over its byte buffer (no copy). */
export function unpackRecords(packed: PackedRecords): ConsumedRecord[] {
  const { meta, bytes, headerLengths, headerNames, topics } = packed;
  const records: ConsumedRecord[] = [];
  let at = 0;
  let header = 0;
  const take = (length: number): Uint8Array | null => {
    if (length === ABSENT) return null;
    const view = bytes.subarray(at, at + length);
    at += length;
    return view;
  };
  for (let base = 0; base < meta.length; base += META_FIELDS) {
    const field = (i: number) => meta[base + i] as number;
    const key = take(field(5));
    const value = take(field(6));
    const headers: [string, Uint8Array][] = [];
    for (let h = 0; h < field(7); h++, header++) {
      headers.push([headerNames[header] as string, take(headerLengths[header] as number) as Uint8Array]);
    }
    records.push({
      topic: topics[field(0)] as string,
      partition: field(1),
      offset: field(2),
      timestamp: field(3),
      timestampType: field(4) === LOG_APPEND_TIME ? 'LOG_APPEND_TIME' : 'CREATE_TIME',
      key,
      value,
      headers,
    });
  }
  return records;
}
