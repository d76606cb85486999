import { MAX_VALUE_BYTES } from '../../pipeline/classify-record.js';
import type { EventProducer } from '../../ports/event-bus.js';

/** Records a transform meets in the wild and must send to dead-letter without stopping its partition. */
export const POISON_KINDS = ['huge', 'binary', 'invalid_utf8', 'deep_json'] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];

// Deeper than any parser should recurse without a guard; JSON.parse in V8 handles it, a naive walker would not.
const DEEP_NESTING = 10_000;

/** The value bytes of one poison record of `kind`. */
export function poisonValue(kind: PoisonKind): Uint8Array {
  if (kind === 'huge') {
    // Valid JSON just past the transform's size limit: rejected for its size, not its syntax.
    const pad = 'x'.repeat(MAX_VALUE_BYTES + 64);
    return new TextEncoder().encode(`{"property_id":"huge","pad":"${pad}"}`);
  }
  if (kind === 'binary') return Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256);
  if (kind === 'invalid_utf8') {
    // 0xC3 0x28: a two-byte lead followed by a non-continuation byte; 0xFF never occurs in UTF-8.
    return Uint8Array.from([...new TextEncoder().encode('{"property_id":"'), 0xc3, 0x28, 0xff, 0x22, 0x7d]);
  }
  return new TextEncoder().encode(`${'{"a":'.repeat(DEEP_NESTING)}null${'}'.repeat(DEEP_NESTING)}`);
}

export interface PoisonOptions {
  /** Probability that one produced record's value is replaced by poison. */
  rate: number;
  random: () => number;
}

/** A producer that spoils record values in transit at `rate`: key, headers and partition stay, so they reconcile. */
export function withPoison(
  producer: EventProducer,
  options: PoisonOptions,
): EventProducer & { poisoned(): number } {
  let poisoned = 0;
  return {
    ensureTopic: (spec) => producer.ensureTopic(spec),
    produce: (topic, records) =>
      producer.produce(
        topic,
        records.map((record) => {
          if (options.random() >= options.rate) return record;
          poisoned += 1;
          const kind = POISON_KINDS[Math.floor(options.random() * POISON_KINDS.length)] ?? 'binary';
          return { ...record, value: poisonValue(kind) };
        }),
      ),
    close: () => producer.close(),
    poisoned: () => poisoned,
  };
}
