import * as v from 'valibot';
import { formatIssuePath } from '../domain/issue-path.js';
import { EventError } from '../errors.js';
import type { ConsumedRecord } from '../ports/event-bus.js';
import { ByteBackedMskRecord, toMskRecord } from './byte-backed-record.js';
import { isWellFormedMskEvent, MSK_EVENT_SCHEMA } from './msk-event-shape.js';
import type { MskEvent, MskRecord } from './msk-event-types.js';

/** Where the records came from: an MSK cluster (ARN present) or a self-managed Kafka cluster. */
export interface MskEventSource {
  eventSourceArn?: string;
  bootstrapServers: string;
}

/** A record of an MSK event decoded back to bytes, with the UTF-8 text of key, value and headers. */
export interface DecodedMskRecord extends ConsumedRecord {
  keyText: string | null;
  valueText: string | null;
  /** Header values as UTF-8 text by name; the last one wins when a name repeats. */
  headerText: Record<string, string>;
}

const utf8 = new TextDecoder('utf-8');

/** The `records` key AWS groups by: `"topic-partition"`. */
export function topicPartitionKey(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Builds the event the Lambda MSK trigger invokes a function with: records grouped by topic-partition, in offset order. */
export function buildMskEvent(records: readonly ConsumedRecord[], source: MskEventSource): MskEvent {
  return groupedEvent(records, source, toMskRecord);
}

/**
 * The same event as buildMskEvent, its records byte-backed: base64 and signed-byte headers are made only if read,
 * and JSON.stringify writes what buildMskEvent's event writes, byte for byte.
 */
export function buildByteBackedMskEvent(
  records: readonly ConsumedRecord[],
  source: MskEventSource,
): MskEvent {
  return groupedEvent(records, source, (record) => new ByteBackedMskRecord(record));
}

function groupedEvent(
  records: readonly ConsumedRecord[],
  source: MskEventSource,
  toRecord: (record: ConsumedRecord) => MskRecord,
): MskEvent {
  const groups = new Map<string, ConsumedRecord[]>();
  for (const record of records) {
    const key = topicPartitionKey(record.topic, record.partition);
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  const grouped: Record<string, MskRecord[]> = {};
  for (const [key, group] of groups) {
    grouped[key] = [...group].sort((a, b) => a.offset - b.offset).map(toRecord);
  }
  return source.eventSourceArn === undefined
    ? { eventSource: 'SelfManagedKafka', bootstrapServers: source.bootstrapServers, records: grouped }
    : {
        eventSource: 'aws:kafka',
        eventSourceArn: source.eventSourceArn,
        bootstrapServers: source.bootstrapServers,
        records: grouped,
      };
}

/** Size in bytes of the invocation payload, the figure Lambda holds against its 6 MB (6,291,456-byte) cap. */
export function mskPayloadBytes(event: MskEvent): number {
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}

/** Decodes one MSK record back to Kafka's bytes, plus UTF-8 text for convenience. */
export function decodeMskRecord(record: MskRecord): DecodedMskRecord {
  const key = record.key == null ? null : new Uint8Array(Buffer.from(record.key, 'base64'));
  const value = record.value == null ? null : new Uint8Array(Buffer.from(record.value, 'base64'));
  const headers: [string, Uint8Array][] = record.headers.flatMap((header) =>
    Object.entries(header).map(([name, bytes]): [string, Uint8Array] => [
      name,
      Uint8Array.from(bytes, (b) => b & 0xff),
    ]),
  );
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    key,
    value,
    headers,
    keyText: key === null ? null : utf8.decode(key),
    valueText: value === null ? null : utf8.decode(value),
    headerText: Object.fromEntries(headers.map(([name, bytes]) => [name, utf8.decode(bytes)])),
  };
}

/** Validates an MSK event at the edge; throws EventError naming the path of the first bad field. */
export function parseMskEvent(input: unknown): MskEvent {
  if (isWellFormedMskEvent(input)) {
    for (const [key, group] of Object.entries(input.records)) checkGroup(key, group);
    return input;
  }
  const result = v.safeParse(MSK_EVENT_SCHEMA, input);
  if (!result.success) {
    const issue = result.issues[0];
    throw new EventError(
      `MSK event is invalid at ${formatIssuePath(issue.path) || 'the top level'}: ${issue.message}; ` +
        'send the event exactly as the Lambda MSK trigger builds it (see events/ for a sample)',
    );
  }
  const event = result.output as MskEvent;
  for (const [key, group] of Object.entries(event.records)) checkGroup(key, group);
  return event;
}

function checkGroup(key: string, group: MskRecord[]): void {
  group.forEach((record, index) => {
    const actual = topicPartitionKey(record.topic, record.partition);
    if (actual !== key) {
      throw new EventError(
        `MSK event is invalid at records[${JSON.stringify(key)}][${index}]: the record belongs to ${actual}; ` +
          'AWS groups records under their own "topic-partition" key',
      );
    }
    const previous = group[index - 1];
    if (previous !== undefined && previous.offset >= record.offset) {
      throw new EventError(
        `MSK event is invalid at records[${JSON.stringify(key)}][${index}].offset: ${record.offset} does not ` +
          `follow ${previous.offset}; AWS lists each partition's records in increasing offset order`,
      );
    }
  });
}
