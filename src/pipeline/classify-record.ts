import { LINEAGE_HEADERS, readLineage } from '../domain/lineage.js';
import type { RawListingRow } from '../domain/listing-record.js';
import { parseListing } from '../domain/parse-listing.js';
import type { Rejection } from '../domain/rejection.js';
import { mskHeaderText, mskValueBytes } from '../msk/byte-backed-record.js';
import type { MskRecord } from '../msk/msk-event-types.js';
import type { HeaderTexts } from './header-texts.js';

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

export type Classified = { ok: true; record: RawListingRow } | { ok: false; entry: DeadLetterEntry };

/** Largest listing value the transform accepts; real listings are about 2.5 KB. */
export const MAX_VALUE_BYTES = 1_000_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes, parses and validates one MSK record: a canonical listing, or a dead-letter entry saying why not.
 * `headerTexts`, shared by the records of one batch, reads the headers with their repeated values decoded once.
 */
export function classifyRecord(record: MskRecord, headerTexts?: HeaderTexts): Classified {
  const headers = headerTexts === undefined ? mskHeaderText(record) : headerTexts.of(record);
  // A byte-backed record (the local trigger's) hands over its bytes; an event's base64 is decoded.
  const bytes = mskValueBytes(record);
  if (bytes === null) {
    return rejectRecord(record, headers, 'empty_value', [
      { reason: 'empty_value', path: 'value', value: null },
    ]);
  }
  if (bytes.length > MAX_VALUE_BYTES) {
    return rejectRecord(record, headers, 'too_large', [
      { reason: 'too_large', path: 'value', value: bytes.length },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not_json' : 'not_utf8';
    return rejectRecord(record, headers, reason, [
      { reason, path: 'value', value: String(error instanceof Error ? error.message : error).slice(0, 200) },
    ]);
  }
  const lineage = readLineage(headers, record.timestamp);
  const parsed = parseListing(raw, {
    source: lineage.source,
    searchArea: lineage.searchArea,
    observedAt: lineage.observedAt,
  });
  if (!parsed.ok) return rejectRecord(record, headers, 'invalid_listing', parsed.rejections);
  // Lineage rides along into listings_raw so reconciliation can count every record by run and offset. Set in
  // place: Object.assign with a literal would build and copy a second object for every listing.
  const row = parsed.record as RawListingRow;
  row.run_id = headers.get(LINEAGE_HEADERS.runId) ?? null;
  row.kafka_topic = record.topic;
  row.kafka_partition = record.partition;
  row.kafka_offset = record.offset;
  return { ok: true, record: row };
}

// A module function, not a closure made per record: with esbuild's keepNames every closure is also named at
// run time, and the transform classifies every listing.
function rejectRecord(
  record: MskRecord,
  headers: Map<string, string>,
  reason: string,
  rejections: Rejection[],
): Classified {
  return {
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
  };
}
