import * as v from 'valibot';
import { isBase64 } from './base64.js';
import { ByteBackedMskRecord } from './byte-backed-record.js';
import { MSK_EVENT_SOURCES, type MskEvent } from './msk-event-types.js';

const base64Field = v.optional(v.nullable(v.pipe(v.string(), v.check(isBase64, 'must be base64'))));
const offsetNumber = v.pipe(v.number(), v.safeInteger('must be an integer'), v.minValue(0, 'must be >= 0'));
// Signed (-128..127) as AWS sends them; unsigned 128..255 accepted too, from tools that write them so.
const headerByte = v.pipe(v.number(), v.integer('must be an integer'), v.minValue(-128), v.maxValue(255));

const recordSchema = v.object({
  topic: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  partition: offsetNumber,
  offset: offsetNumber,
  timestamp: v.pipe(v.number(), v.safeInteger('must be epoch milliseconds')),
  timestampType: v.picklist(['CREATE_TIME', 'LOG_APPEND_TIME']),
  key: base64Field,
  value: base64Field,
  headers: v.array(v.record(v.string(), v.array(headerByte))),
});

/**
 * The MSK event's rules, as a schema that names the path of the first bad field. v.object, not strict: AWS adds
 * fields over time (schema-registry metadata); unknown ones are dropped.
 */
export const MSK_EVENT_SCHEMA = v.object({
  eventSource: v.picklist(MSK_EVENT_SOURCES),
  eventSourceArn: v.optional(v.string()),
  bootstrapServers: v.string(),
  records: v.record(v.string(), v.array(recordSchema)),
});

// The fast path below holds every event to the schema's rules without valibot's per-value machinery (a pipe per
// header byte, a copy of every record): 3 to 4 times cheaper on real batches (docs/performance.md). It may refuse
// more than the schema (then the schema decides, and names the path); it never accepts what the schema refuses,
// which test/unit/msk/msk-event-shape.test.ts checks on generated events.

/** Whether the schema would accept `input`, checked by hand; false means "ask the schema". */
export function isWellFormedMskEvent(input: unknown): input is MskEvent {
  if (!isPlainObject(input)) return false;
  const { eventSource, eventSourceArn, bootstrapServers, records } = input;
  if (!(MSK_EVENT_SOURCES as readonly unknown[]).includes(eventSource)) return false;
  if (eventSourceArn !== undefined && typeof eventSourceArn !== 'string') return false;
  if (typeof bootstrapServers !== 'string' || !isPlainObject(records)) return false;
  for (const key of Object.keys(records)) {
    const group = records[key];
    if (RESERVED_KEYS.has(key) || !Array.isArray(group)) return false;
    for (let i = 0; i < group.length; i++) if (!isWellFormedRecord(group[i])) return false;
  }
  return true;
}

// Keys valibot's v.record leaves out of its output: the fast path hands those inputs to the schema.
const RESERVED_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function isWellFormedRecord(record: unknown): boolean {
  if (!isPlainObject(record)) return false;
  const { topic, partition, offset, timestamp, timestampType } = record;
  const wellFormedPosition =
    typeof topic === 'string' &&
    topic.length > 0 &&
    isOffset(partition) &&
    isOffset(offset) &&
    Number.isSafeInteger(timestamp) &&
    (timestampType === 'CREATE_TIME' || timestampType === 'LOG_APPEND_TIME');
  // A byte-backed record's key, value and headers are encoded from bytes on read, base64 and Java bytes by
  // construction: checking them would encode every value only to check the encoder.
  if (record instanceof ByteBackedMskRecord || !wellFormedPosition) return wellFormedPosition;
  const { key, value, headers } = record;
  return (
    isBase64OrAbsent(key) &&
    isBase64OrAbsent(value) &&
    Array.isArray(headers) &&
    headers.every(isWellFormedHeader)
  );
}

function isWellFormedHeader(header: unknown): boolean {
  if (!isPlainObject(header)) return false;
  for (const name of Object.keys(header)) {
    const bytes = header[name];
    if (RESERVED_KEYS.has(name) || !Array.isArray(bytes)) return false;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (!Number.isInteger(byte) || byte < -128 || byte > 255) return false;
    }
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOffset(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isBase64OrAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && isBase64(value));
}
