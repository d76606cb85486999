import type { OutgoingRecord } from '../../src/ports/event-bus.js';

/** Topic and partition count the appender child process writes to. */
export const APPENDER_TOPIC = 'realty.listings.v1';
export const APPENDER_PARTITIONS = 4;

/** The value of record number `seq`: its number, then a byte pattern that depends on it, `bytes` long. */
export function appenderValue(seq: number, bytes = 700): Uint8Array {
  const value = new Uint8Array(bytes);
  const prefix = new TextEncoder().encode(`${seq}:`);
  value.set(prefix.subarray(0, bytes));
  for (let i = prefix.length; i < bytes; i++) value[i] = (seq * 31 + i * 7) & 0xff;
  return value;
}

/** Record number `seq` as the appender produces it, so a test can check every acknowledged one byte for byte. */
export function appenderRecord(seq: number): OutgoingRecord {
  return {
    key: `M${seq}`,
    value: appenderValue(seq),
    headers: { seq: String(seq) },
    timestamp: 1_767_225_600_000 + seq,
  };
}

/** One stdout line of the appender: [seq, partition, offset] of every record a produce() call acknowledged. */
export type AckLine = [number, number, number][];
