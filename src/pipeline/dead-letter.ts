import type { ObjectStore } from '../ports/object-store.js';
import type { DeadLetterEntry } from './classify-record.js';

/** Prefix of records the transform rejected, as JSON lines with their reasons. */
export const DEAD_LETTER_PREFIX = 'dead-letter/listings/';

// Dead letters are few (invalid records), so a handful of parallel PUTs keeps a bad batch quick.
const PARALLEL_WRITES = 8;

/**
 * Writes each rejected record as its own one-line JSON object keyed by topic, partition and offset, so a
 * redelivered record overwrites its dead letter whatever batch (offset range) it came back in.
 */
export async function writeDeadLetters(
  entries: readonly DeadLetterEntry[],
  store: ObjectStore,
): Promise<string[]> {
  const keys = entries.map(deadLetterKey);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < entries.length; i = next++) {
      const body = new TextEncoder().encode(`${JSON.stringify(entries[i])}\n`);
      await store.put(keys[i]!, body, { contentType: 'application/x-ndjson' });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, entries.length) }, worker));
  return keys;
}

/** `dead-letter/listings/dt=<record day>/<topic>-p<partition>-o<offset>.jsonl`: one key per Kafka record. */
export function deadLetterKey(entry: DeadLetterEntry): string {
  const dt = new Date(entry.timestamp).toISOString().slice(0, 10);
  const topic = entry.topic.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${DEAD_LETTER_PREFIX}dt=${dt}/${topic}-p${entry.partition}-o${String(entry.offset).padStart(12, '0')}.jsonl`;
}
