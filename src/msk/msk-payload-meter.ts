import type { ConsumedRecord } from '../ports/event-bus.js';
import { buildMskEvent, type MskEventSource, topicPartitionKey } from './msk-event.js';
import { mskRecordJsonBytes } from './msk-record-size.js';

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// The size of a record is computed from its fields (base64 length, digits of each signed header byte), never
// by serialising it: the event is built once, when the batch is delivered.
const mskRecordBytes = mskRecordJsonBytes;

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

  /** Bytes the event would have with `record` added; `recordBytes`, its mskRecordJsonBytes when known. */
  bytesWith(record: ConsumedRecord, recordBytes = mskRecordBytes(record)): number {
    return this.#bytes + this.#growth(record, recordBytes);
  }

  add(record: ConsumedRecord, recordBytes = mskRecordBytes(record)): void {
    this.#bytes += this.#growth(record, recordBytes);
    this.#groups.add(topicPartitionKey(record.topic, record.partition));
    this.#records += 1;
  }

  #growth(record: ConsumedRecord, bytes: number): number {
    const key = topicPartitionKey(record.topic, record.partition);
    // A record joining its group costs a comma; a new group costs `"key":[...]`, plus a comma after the first.
    if (this.#groups.has(key)) return bytes + 1;
    return bytes + jsonBytes(key) + 3 + (this.#groups.size > 0 ? 1 : 0);
  }
}
