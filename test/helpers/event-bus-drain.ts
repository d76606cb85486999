import { performance } from 'node:perf_hooks';
import type {
  ConsumedRecord,
  EventConsumer,
  FetchLimits,
  OutgoingRecord,
} from '../../src/ports/event-bus.js';

const utf8 = new TextEncoder();

/** Limits the contract drains with: big batches, short waits. */
export const DRAIN_LIMITS: FetchLimits = { maxRecords: 500, maxBytes: 4 * 1024 * 1024, maxWaitMs: 200 };

/** UTF-8 text of a key or value; null stays null. */
export function text(bytes: Uint8Array | null): string | null {
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** A JSON listing record with a content-type header. */
export function listing(
  key: string | null,
  body: string,
  extra: Partial<OutgoingRecord> = {},
): OutgoingRecord {
  return { key, value: utf8.encode(body), headers: { 'content-type': 'application/json' }, ...extra };
}

/** Fetches until `count` records arrived (or 15 s passed), then once more to pick up any extra. */
export async function drain(
  consumer: EventConsumer,
  count: number,
  limits = DRAIN_LIMITS,
): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  const deadline = performance.now() + 15_000;
  while (records.length < count && performance.now() < deadline) {
    records.push(...(await consumer.fetch(limits)));
  }
  records.push(...(await consumer.fetch({ ...limits, maxWaitMs: 50 })));
  return records;
}

/** Items grouped by partition, each group in input order. */
export function byPartition<T extends { partition: number }>(items: readonly T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) groups.set(item.partition, [...(groups.get(item.partition) ?? []), item]);
  return groups;
}
