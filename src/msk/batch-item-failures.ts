import * as v from 'valibot';
import { formatIssuePath } from '../domain/issue-path.js';
import type { MskEvent } from './msk-event-types.js';

/** What a function's response to an MSK batch means for the event source mapping. */
export type BatchOutcome =
  | { kind: 'success' }
  /** Per `"topic-partition"`, the lowest failed offset: it and what follows in that partition are retried. */
  | { kind: 'partial'; firstFailedOffsets: ReadonlyMap<string, number> }
  /** A response Lambda cannot use: the whole batch counts as failed and is retried. */
  | { kind: 'invalid'; reason: string };

// Two spellings: the project's `topic-partition-offset` string (the shape other event sources use), and the
// object AWS documents for Kafka ("Configuring error handling controls for Kafka event sources").
const identifier = v.union([
  v.pipe(v.string(), v.minLength(1)),
  v.object({
    'topic-partition': v.pipe(v.string(), v.minLength(1)),
    offset: v.pipe(v.number(), v.safeInteger()),
  }),
]);

const responseSchema = v.object({
  batchItemFailures: v.nullish(v.array(v.object({ itemIdentifier: identifier }))),
});

/**
 * Reads a ReportBatchItemFailures response the way Lambda does: nothing, null, `{}` or an empty list is
 * success; an identifier missing, empty, malformed or naming a record not in the event fails the whole batch.
 */
export function interpretBatchResponse(response: unknown, event: MskEvent): BatchOutcome {
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
  for (const [index, failure] of failures.entries()) {
    const item = toTopicPartitionOffset(failure.itemIdentifier);
    if (item === undefined) {
      return {
        kind: 'invalid',
        reason: `batchItemFailures[${index}].itemIdentifier ${JSON.stringify(failure.itemIdentifier)} is not "topic-partition-offset"`,
      };
    }
    if (!offsets.get(item.topicPartition)?.has(item.offset)) {
      return { kind: 'invalid', reason: `${item.topicPartition}-${item.offset} was not in the event` };
    }
    const known = firstFailedOffsets.get(item.topicPartition);
    if (known === undefined || item.offset < known) firstFailedOffsets.set(item.topicPartition, item.offset);
  }
  return { kind: 'partial', firstFailedOffsets };
}

function toTopicPartitionOffset(
  id: v.InferOutput<typeof identifier>,
): { topicPartition: string; offset: number } | undefined {
  if (typeof id !== 'string') return { topicPartition: id['topic-partition'], offset: id.offset };
  // Topics may contain '-', so the offset is what follows the last one.
  const match = /^(.+-\d+)-(\d+)$/.exec(id);
  if (!match) return undefined;
  return { topicPartition: match[1]!, offset: Number(match[2]) };
}

function offsetsByPartition(event: MskEvent): Map<string, Set<number>> {
  return new Map(
    Object.entries(event.records).map(([key, group]) => [key, new Set(group.map((r) => r.offset))]),
  );
}
