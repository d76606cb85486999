import fc from 'fast-check';
import type { ConsumedRecord } from '../../src/ports/event-bus.js';

export const TEST_TOPIC = 'realty.listings.v1';

/** What a test says about a record; everything else gets a plain default. */
export interface RecordSpec {
  topic?: string;
  partition: number;
  offset: number;
  /** Text of the key; null for none. Default `P<offset>`. */
  key?: string | null;
  /** Text of the value; null for a tombstone. Default a small listing JSON. */
  value?: string | null;
  /** Pads the default value to about this many bytes, to test the payload cap. */
  valueBytes?: number;
  timestamp?: number;
  headers?: [string, string][];
}

const encoder = new TextEncoder();

/** Epoch ms the default timestamps count from (2026-11-20T00:00:00Z). */
export const BASE_TIMESTAMP_MS = Date.UTC(2026, 10, 20);

/** Builds ConsumedRecords as a Kafka consumer would return them. */
export function consumedRecords(specs: readonly RecordSpec[]): ConsumedRecord[] {
  return specs.map((spec) => {
    const key = spec.key === undefined ? `P${spec.offset}` : spec.key;
    const value = spec.value === undefined ? defaultValue(spec) : spec.value;
    return {
      topic: spec.topic ?? TEST_TOPIC,
      partition: spec.partition,
      offset: spec.offset,
      timestamp: spec.timestamp ?? BASE_TIMESTAMP_MS + spec.offset,
      timestampType: 'CREATE_TIME',
      key: key === null ? null : encoder.encode(key),
      value: value === null ? null : encoder.encode(value),
      headers: (spec.headers ?? []).map(([name, text]) => [name, encoder.encode(text)]),
    };
  });
}

function defaultValue(spec: RecordSpec): string {
  const base = JSON.stringify({ property_id: `P${spec.offset}`, partition: spec.partition });
  if (spec.valueBytes === undefined || spec.valueBytes <= base.length) return base;
  return JSON.stringify({ property_id: `P${spec.offset}`, pad: 'x'.repeat(spec.valueBytes - base.length) });
}

/** A plain, comparable view of a record (byte arrays as number arrays, no extra fields). */
export function comparable(record: ConsumedRecord): Record<string, unknown> {
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    key: record.key && [...record.key],
    value: record.value && [...record.value],
    headers: record.headers.map(([name, bytes]) => [name, [...bytes]]),
  };
}

const bytes = fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null });

/** Any record Kafka could hand back, for property tests. */
export function consumedRecordArbitrary(): fc.Arbitrary<ConsumedRecord> {
  return fc.record({
    topic: fc.constantFrom(TEST_TOPIC, 'my-topic', 'a.b_c-d'),
    partition: fc.integer({ min: 0, max: 5 }),
    offset: fc.integer({ min: 0, max: 1_000_000 }),
    timestamp: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    timestampType: fc.constantFrom('CREATE_TIME' as const, 'LOG_APPEND_TIME' as const),
    key: bytes,
    value: bytes,
    headers: fc.array(
      fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/), fc.uint8Array({ maxLength: 12 })),
      {
        maxLength: 3,
      },
    ),
  });
}
