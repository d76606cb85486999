import { RAW_COLUMNS, type RawListingRow } from '../domain/listing-record.js';
import { rawObjectKey, rawPartitionPrefix } from '../domain/partition-path.js';
import { kafkaItemIdentifier } from '../msk/batch-item-failures.js';
import type { KafkaItemIdentifier, MskBatchResponse, MskEvent, MskRecord } from '../msk/msk-event-types.js';
import type { Catalog, PartitionSpec } from '../ports/catalog.js';
import type { Clock } from '../ports/clock.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { ParquetEncoder } from '../ports/parquet-encoder.js';
import { classifyRecord, type DeadLetterEntry } from './classify-record.js';
import { writeDeadLetters } from './dead-letter.js';
import { HeaderTexts } from './header-texts.js';
import { RAW_TABLE } from './raw-table.js';

export interface TransformDeps {
  store: ObjectStore;
  catalog: Catalog;
  encoder: ParquetEncoder;
  clock: Clock;
  database: string;
}

export interface TransformOutcome extends MskBatchResponse {
  records: number;
  written: number;
  deadLettered: number;
  objects: string[];
  partitionsAdded: number;
  /** `topic-partition-offset` of every record sent to dead-letter as invalid. */
  rejectedItems: string[];
}

interface Group {
  topic: string;
  partition: number;
  dt: string;
  records: RawListingRow[];
  sources: MskRecord[];
}

/**
 * Turns one MSK batch into Parquet objects (one per topic-partition and dt, every state in it, keyed by
 * offset range so a retry overwrites), dead-letters what is invalid, and registers new partitions. Records whose object
 * could not be written come back as batchItemFailures, so only they are retried.
 */
export async function transformBatch(event: MskEvent, deps: TransformDeps): Promise<TransformOutcome> {
  const groups = new Map<string, Group>();
  const rejected: DeadLetterEntry[] = [];
  const headerTexts = new HeaderTexts();
  let records = 0;
  for (const batch of Object.values(event.records)) {
    for (const source of batch) {
      records += 1;
      const classified = classifyRecord(source, headerTexts);
      if (classified.ok) addToGroup(groups, source, classified.record);
      else rejected.push(classified.entry);
    }
  }
  const failures: KafkaItemIdentifier[] = [];
  const objects: string[] = [];
  const written = new Set<Group>();
  for (const group of groups.values()) {
    const key = await writeGroup(group, deps).catch(() => undefined);
    if (key === undefined) failures.push(...group.sources.map(kafkaItemIdentifier));
    else {
      objects.push(key);
      written.add(group);
    }
  }
  const deadLettered = await writeDeadLetters(rejected, deps.store).then(
    () => rejected.length,
    () => {
      failures.push(...rejected.map(kafkaItemIdentifier));
      return 0;
    },
  );
  const partitionsAdded = await registerPartitions([...written], deps);
  const writtenCount = [...written].reduce((sum, group) => sum + group.records.length, 0);
  return {
    records,
    written: writtenCount,
    deadLettered,
    objects,
    partitionsAdded,
    batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })),
    rejectedItems: deadLettered > 0 ? rejected.map(recordLabel) : [],
  };
}

function addToGroup(groups: Map<string, Group>, source: MskRecord, record: RawListingRow): void {
  const id = `${source.topic}\u0000${source.partition}\u0000${record.dt}`;
  let group = groups.get(id);
  if (!group) {
    group = {
      topic: source.topic,
      partition: source.partition,
      dt: record.dt,
      records: [],
      sources: [],
    };
    groups.set(id, group);
  }
  group.records.push(record);
  group.sources.push(source);
}

async function writeGroup(group: Group, deps: TransformDeps): Promise<string> {
  // A loop, not Math.min(...offsets): a batch of tens of thousands of records would overflow the call stack.
  let [firstOffset, lastOffset] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const { offset } of group.sources) {
    if (offset < firstOffset) firstOffset = offset;
    if (offset > lastOffset) lastOffset = offset;
  }
  const key = rawObjectKey({
    topic: group.topic,
    partition: group.partition,
    firstOffset,
    lastOffset,
    dt: group.dt,
  });
  const bytes = await deps.encoder.encode(group.records, RAW_COLUMNS);
  await deps.store.put(key, bytes, { contentType: 'application/vnd.apache.parquet' });
  return key;
}

async function registerPartitions(groups: readonly Group[], deps: TransformDeps): Promise<number> {
  const unique = new Map<string, PartitionSpec>();
  for (const { dt } of groups) unique.set(dt, { values: [dt], location: rawPartitionPrefix(dt) });
  if (unique.size === 0) return 0;
  return deps.catalog.addPartitions(deps.database, RAW_TABLE, [...unique.values()]);
}

/** A record's `topic-partition-offset` label (rejectedItems, tallies); batchItemFailures use kafkaItemIdentifier. */
export function recordLabel(record: Pick<MskRecord, 'topic' | 'partition' | 'offset'>): string {
  return `${record.topic}-${record.partition}-${record.offset}`;
}
