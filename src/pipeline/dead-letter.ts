import type { ObjectStore } from '../ports/object-store.js';
import type { DeadLetterEntry } from './classify-record.js';

/** Prefix of records the transform rejected, as JSON lines with their reasons. */
export const DEAD_LETTER_PREFIX = 'dead-letter/listings/';

/**
 * Writes rejected records as JSON lines, one object per topic-partition, keyed by the offsets it holds,
 * so a retried batch overwrites its own dead letters instead of adding copies.
 */
export async function writeDeadLetters(
  entries: readonly DeadLetterEntry[],
  store: ObjectStore,
): Promise<string[]> {
  const byPartition = new Map<string, DeadLetterEntry[]>();
  for (const entry of entries) {
    const id = `${entry.topic}\u0000${entry.partition}`;
    const list = byPartition.get(id) ?? [];
    list.push(entry);
    byPartition.set(id, list);
  }
  const keys: string[] = [];
  for (const list of byPartition.values()) {
    const key = deadLetterKey(list);
    const body = `${list.map((entry) => JSON.stringify(entry)).join('\n')}\n`;
    await store.put(key, new TextEncoder().encode(body), { contentType: 'application/x-ndjson' });
    keys.push(key);
  }
  return keys;
}

function deadLetterKey(list: readonly DeadLetterEntry[]): string {
  const first = list[0]!;
  const offsets = list.map((entry) => entry.offset);
  const dt = new Date(first.timestamp).toISOString().slice(0, 10);
  const topic = first.topic.replace(/[^A-Za-z0-9._-]/g, '_');
  const pad = (n: number) => String(n).padStart(12, '0');
  return `${DEAD_LETTER_PREFIX}dt=${dt}/${topic}-p${first.partition}-o${pad(Math.min(...offsets))}-${pad(Math.max(...offsets))}.jsonl`;
}
