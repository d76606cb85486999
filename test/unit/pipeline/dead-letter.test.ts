import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeadLetterEntry } from '../../../src/pipeline/classify-record.js';
import { deadLetterKey, writeDeadLetters } from '../../../src/pipeline/dead-letter.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';

const DAY = Date.parse('2026-11-20T10:00:00Z');

function entry(offset: number, overrides: Partial<DeadLetterEntry> = {}): DeadLetterEntry {
  return {
    reason: 'not_json',
    rejections: [{ reason: 'not_json', path: 'value', value: null }],
    topic: 'realty.listings.v1',
    partition: 2,
    offset,
    timestamp: DAY,
    key: `p-${offset}`,
    headers: {},
    value_base64: Buffer.from(`bad ${offset}`).toString('base64'),
    ...overrides,
  };
}

async function keysOf(store: ObjectStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list('dead-letter/')) keys.push(object.key);
  return keys.sort();
}

describe('writeDeadLetters', () => {
  it('keys a dead letter by its record, so a redelivered record lands on the same key whatever batch it came in', async () => {
    const store = new InMemoryObjectStore();

    const first = await writeDeadLetters([entry(100), entry(105)], store);
    const redelivered = await writeDeadLetters([entry(105), entry(130)], store);

    expect(first[1]).toBe(redelivered[0]);
    expect(await keysOf(store)).toEqual([
      'dead-letter/listings/dt=2026-11-20/realty.listings.v1-p2-o000000000100.jsonl',
      'dead-letter/listings/dt=2026-11-20/realty.listings.v1-p2-o000000000105.jsonl',
      'dead-letter/listings/dt=2026-11-20/realty.listings.v1-p2-o000000000130.jsonl',
    ]);
  });

  it('writes each dead letter as one JSON line carrying its reason and original bytes', async () => {
    const store = new InMemoryObjectStore();

    const [key] = await writeDeadLetters([entry(7)], store);

    const text = new TextDecoder().decode(await store.get(key!));
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(text)).toEqual(entry(7));
  });

  it('builds the key from topic, partition, offset and the record timestamp only, and keeps the topic out of the path structure', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.nat(1000),
        fc.nat(2 ** 40),
        fc.string(),
        (topic, partition, offset, reason) => {
          const key = deadLetterKey(entry(offset, { topic, partition, reason }));

          expect(key).toBe(
            deadLetterKey(entry(offset, { topic, partition, reason: `${reason}!`, key: null })),
          );
          expect(key.startsWith('dead-letter/listings/dt=2026-11-20/')).toBe(true);
          expect(key.slice('dead-letter/listings/dt=2026-11-20/'.length)).not.toMatch(/[/\\]/);
          expect(key).toMatch(new RegExp(`-p${partition}-o${String(offset).padStart(12, '0')}\\.jsonl$`));
        },
      ),
    );
  });
});
