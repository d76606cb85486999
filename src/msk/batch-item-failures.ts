import * as v from 'valibot';
import { formatIssuePath } from '../domain/issue-path.js';
import type { KafkaItemIdentifier, MskEvent, MskRecord } from './msk-event-types.js';

/** What a function's response to an MSK batch means for the event source mapping. */
export type BatchOutcome =
  | { kind: 'success' }
  /** Per `"topic-partition"`, the lowest failed offset: it and what follows in that partition are retried. */
  | { kind: 'partial'; firstFailedOffsets: ReadonlyMap<string, number> }
  /** A response Lambda cannot use: the whole batch counts as failed and is retried. */
  | { kind: 'invalid'; reason: string };

// The one identifier Lambda reads for Kafka event sources (MSK and self-managed): an object naming the
// `records` key ("topic-partition") and the offset, not the string other sources use.
// https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
const identifier = v.object(
  {
    partition: v.pipe(v.string('must be the "topic-partition" key of the event'), v.minLength(1)),
    offset: v.pipe(
      v.number('must be a number'),
      v.safeInteger('must be an integer'),
      v.minValue(0, 'must be >= 0'),
    ),
  },
  'must be an object { partition: "<topic>-<partition>", offset: <number> }',
);

const responseSchema = v.object({
  batchItemFailures: v.nullish(v.array(v.object({ itemIdentifier: identifier }))),
});

/**
 * Reads a ReportBatchItemFailures response the way Lambda does for Kafka: nothing, null, `{}` or an empty list
 * is success; an identifier missing, of another shape (a string included), or naming a record not in the
 * event fails the whole batch.
 */
export function interpretBatchResponse(
  response: unknown,
  event: MskEvent | readonly RecordPosition[],
): BatchOutcome {
  if (response === undefined || response === null) return { kind: 'success' };
  if (typeof response !== 'object' || Array.isArray(response)) {
    return { kind: 'invalid', reason: `the response is not an object: ${JSON.stringify(response)}` };
  }
  const parsed = v.safeParse(responseSchema, response);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    return {
      kind: 'invalid',
      reason: `the response is invalid at ${formatIssuePath(issue.path)}: ${issue.message}`,
    };
  }
  const failures = parsed.output.batchItemFailures ?? [];
  if (failures.length === 0) return { kind: 'success' };
  const offsets = offsetsByPartition(event);
  const firstFailedOffsets = new Map<string, number>();
  for (const { itemIdentifier: item } of failures) {
    if (!offsets.get(item.partition)?.has(item.offset)) {
      return { kind: 'invalid', reason: `${item.partition} offset ${item.offset} was not in the event` };
    }
    const known = firstFailedOffsets.get(item.partition);
    if (known === undefined || item.offset < known) firstFailedOffsets.set(item.partition, item.offset);
  }
  return { kind: 'partial', firstFailedOffsets };
}

/** The identifier of a record in a Kafka partial batch response: its `records` key and its offset. */
export function kafkaItemIdentifier(
  record: Pick<MskRecord, 'topic' | 'partition' | 'offset'>,
): KafkaItemIdentifier {
  return { partition: `${record.topic}-${record.partition}`, offset: record.offset };
}

/** Where a record of the event sits: enough to check an item identifier against it. */
type RecordPosition = Pick<MskRecord, 'topic' | 'partition' | 'offset'>;

// The event's records, or the records it was built from (the trigger that hands a worker records, not events).
function offsetsByPartition(event: MskEvent | readonly RecordPosition[]): Map<string, Set<number>> {
  const records = 'records' in event ? Object.values(event.records).flat() : event;
  const offsets = new Map<string, Set<number>>();
  for (const record of records) {
    const { partition } = kafkaItemIdentifier(record);
    const group = offsets.get(partition);
    if (group) group.add(record.offset);
    else offsets.set(partition, new Set([record.offset]));
  }
  return offsets;
}
