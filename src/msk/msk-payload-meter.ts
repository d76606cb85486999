import type { ConsumedRecord } from '../ports/event-bus.js';
import { buildMskEvent, type MskEventSource, toMskRecord, topicPartitionKey } from './msk-event.js';

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// Records are offered to several meters (a batch, then the next after a carry-over), and serialising a large
// value is the costly part: remember each record's size by identity.
const recordBytes = new WeakMap<ConsumedRecord, number>();

function mskRecordBytes(record: ConsumedRecord): number {
  let bytes = recordBytes.get(record);
  if (bytes === undefined) {
    bytes = jsonBytes(toMskRecord(record));
    recordBytes.set(record, bytes);
  }
  return bytes;
}

/**
 * Keeps the exact byte size of the MSK event a growing batch would make, one record at a time, so a batch
 * can stop before Lambda's payload cap without re-serialising the whole event for every record.
 */
export class MskPayloadMeter {
  readonly #groups = new Set<string>();
  #bytes: number;
  #records = 0;

  constructor(source: MskEventSource) {
    // `{..."records":{}}`: every group is added inside the final braces.
    this.#bytes = jsonBytes(buildMskEvent([], source));
  }

  /** Bytes of the event holding every record added so far. */
  get bytes(): number {
    return this.#bytes;
  }

  get records(): number {
    return this.#records;
  }

  /** Bytes the event would have with `record` added. */
  bytesWith(record: ConsumedRecord): number {
    return this.#bytes + this.#growth(record);
  }

  add(record: ConsumedRecord): void {
    this.#bytes += this.#growth(record);
    this.#groups.add(topicPartitionKey(record.topic, record.partition));
    this.#records += 1;
  }

  #growth(record: ConsumedRecord): number {
    const key = topicPartitionKey(record.topic, record.partition);
    const bytes = mskRecordBytes(record);
    // A record joining its group costs a comma; a new group costs `"key":[...]`, plus a comma after the first.
    if (this.#groups.has(key)) return bytes + 1;
    return bytes + jsonBytes(key) + 3 + (this.#groups.size > 0 ? 1 : 0);
  }
}
