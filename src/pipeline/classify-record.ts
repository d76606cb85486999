import { readLineage } from '../domain/lineage.js';
import type { ListingRecord } from '../domain/listing-record.js';
import type { MskRecord } from '../domain/msk-event-types.js';
import { parseListing } from '../domain/parse-listing.js';
import type { Rejection } from '../domain/rejection.js';

/** A record the transform could not turn into a listing, with everything needed to replay it. */
export interface DeadLetterEntry {
  reason: string;
  rejections: Rejection[];
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  key: string | null;
  headers: Record<string, string>;
  value_base64: string | null;
}

export type Classified = { ok: true; record: ListingRecord } | { ok: false; entry: DeadLetterEntry };

/** Largest listing value the transform accepts; real listings are about 2.5 KB. */
export const MAX_VALUE_BYTES = 1_000_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes, parses and validates one MSK record: a canonical listing, or a dead-letter entry saying why not. */
export function classifyRecord(record: MskRecord): Classified {
  const headers = decodeHeaders(record.headers);
  const reject = (reason: string, rejections: Rejection[]): Classified => ({
    ok: false,
    entry: {
      reason,
      rejections,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: record.key ? Buffer.from(record.key, 'base64').toString('utf8') : null,
      headers: Object.fromEntries(headers),
      value_base64: record.value ?? null,
    },
  });
  if (record.value === undefined || record.value === null) {
    return reject('empty_value', [{ reason: 'empty_value', path: 'value', value: null }]);
  }
  const bytes = Buffer.from(record.value, 'base64');
  if (bytes.length > MAX_VALUE_BYTES) {
    return reject('too_large', [{ reason: 'too_large', path: 'value', value: bytes.length }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not_json' : 'not_utf8';
    return reject(reason, [
      { reason, path: 'value', value: String(error instanceof Error ? error.message : error).slice(0, 200) },
    ]);
  }
  const lineage = readLineage(headers, record.timestamp);
  const parsed = parseListing(raw, {
    source: lineage.source,
    searchArea: lineage.searchArea,
    observedAt: lineage.observedAt,
  });
  return parsed.ok ? parsed : reject('invalid_listing', parsed.rejections);
}

function decodeHeaders(headers: MskRecord['headers']): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of headers) {
    for (const [name, bytes] of Object.entries(header)) {
      out.set(name, Buffer.from(bytes).toString('utf8'));
    }
  }
  return out;
}
