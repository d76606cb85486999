import { describe, expect, it } from 'vitest';
import { POISON_KINDS, poisonValue, withPoison } from '../../../../src/local/faults/poison-producer.js';
import { MAX_VALUE_BYTES } from '../../../../src/pipeline/classify-record.js';
import type { EventProducer, OutgoingRecord } from '../../../../src/ports/event-bus.js';

function recordingProducer() {
  const sent: OutgoingRecord[] = [];
  const producer: EventProducer = {
    ensureTopic: async () => undefined,
    produce: async (topic, records) => {
      sent.push(...records);
      return records.map((_, i) => ({ topic, partition: 0, offset: sent.length - records.length + i }));
    },
    close: async () => undefined,
  };
  return { producer, sent };
}

const listing = (n: number): OutgoingRecord => ({
  key: `P${n}`,
  value: new TextEncoder().encode(`{"property_id":"P${n}"}`),
  headers: { 'realty-run-id': 'r1' },
});

describe('poison records', () => {
  it('makes each kind of poison the transform must survive', () => {
    const [huge, binary, invalidUtf8, deep] = POISON_KINDS.map((kind) => poisonValue(kind));

    expect(huge!.byteLength).toBeGreaterThan(MAX_VALUE_BYTES);
    expect(binary!.some((b) => b === 0)).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(invalidUtf8)).toThrow();
    const text = new TextDecoder().decode(deep);
    expect(text.startsWith('{"a":'.repeat(10_000))).toBe(true);
  });

  it('replaces the value of records at the given rate, keeping their key, headers and place', async () => {
    const { producer, sent } = recordingProducer();
    // Record 0: poisoned (0.1 < 0.5) with the first kind (0.0); records 1 to 3 pass (0.9).
    const draws = [0.1, 0.0, 0.9, 0.9, 0.9];
    const poisoned = withPoison(producer, { rate: 0.5, random: () => draws.shift() ?? 0.9 });
    const records = Array.from({ length: 4 }, (_, n) => listing(n));

    const placed = await poisoned.produce('t', records);

    expect(placed).toHaveLength(4);
    expect(sent.map((r) => r.key)).toEqual(['P0', 'P1', 'P2', 'P3']);
    expect(sent.every((r) => r.headers['realty-run-id'] === 'r1')).toBe(true);
    expect(sent[1]!.value).toEqual(records[1]!.value);
    expect(sent[0]!.value).not.toEqual(records[0]!.value);
    expect(poisoned.poisoned()).toBe(1);
  });
});
