import { EventError } from '../errors.js';
import { mskPayloadBytes } from './msk-event.js';
import type { MskEvent, MskRecord } from './msk-event-types.js';

/** Why records went to the on-failure destination, with the names Lambda writes in `requestContext.condition`. */
export type OnFailureCondition =
  | 'RetryAttemptsExhausted'
  | 'RecordAgeExceeded'
  | 'MaximumPayloadSizeExceeded';

/** A batch the event source mapping gave up on. */
export interface FailedInvocation {
  /** The event holding exactly the records given up on. */
  event: MskEvent;
  condition: OnFailureCondition;
  approximateInvokeCount: number;
  functionArn: string;
  requestId: string;
  failedAtMs: number;
  /** How the last invocation ended; null when the records never reached the function. */
  response: { functionError?: string } | null;
}

interface RecordsInfo {
  firstRecordOffset: string;
  lastRecordOffset: string;
  firstRecordTimestamp: string;
  lastRecordTimestamp: string;
}

/** The invocation record Lambda writes to an S3 on-failure destination for a Kafka event source. */
export interface KafkaOnFailureRecord {
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: OnFailureCondition;
    approximateInvokeCount: number;
  };
  responseContext: { statusCode: number; executedVersion: string; functionError?: string } | null;
  version: '1.0';
  timestamp: string;
  KafkaBatchInfo: {
    batchSize: number;
    eventSourceArn?: string;
    bootstrapServers: string;
    payloadSize: number;
    recordsInfo: Record<string, RecordsInfo>;
  };
  /** The whole event as an escaped JSON string ("Only available in S3"). */
  payload: string;
}

/**
 * Builds the S3 on-failure invocation record, following "Capturing discarded batches for Amazon MSK and
 * self-managed Apache Kafka event sources": offsets are strings, timestamps ISO-8601.
 */
export function buildOnFailureRecord(failed: FailedInvocation): KafkaOnFailureRecord {
  const { event } = failed;
  const groups = Object.entries(event.records);
  return {
    requestContext: {
      requestId: failed.requestId,
      functionArn: failed.functionArn,
      condition: failed.condition,
      approximateInvokeCount: failed.approximateInvokeCount,
    },
    responseContext:
      failed.response === null ? null : { statusCode: 200, executedVersion: '$LATEST', ...failed.response },
    version: '1.0',
    timestamp: new Date(failed.failedAtMs).toISOString(),
    KafkaBatchInfo: {
      batchSize: groups.reduce((sum, [, group]) => sum + group.length, 0),
      ...(event.eventSourceArn === undefined ? {} : { eventSourceArn: event.eventSourceArn }),
      bootstrapServers: event.bootstrapServers,
      payloadSize: mskPayloadBytes(event),
      recordsInfo: Object.fromEntries(groups.map(([key, group]) => [key, recordsInfo(group)])),
    },
    payload: JSON.stringify(event),
  };
}

function recordsInfo(group: MskRecord[]): RecordsInfo {
  const first = group[0];
  const last = group.at(-1);
  if (first === undefined || last === undefined)
    throw new EventError('an on-failure batch has an empty partition');
  return {
    firstRecordOffset: String(first.offset),
    lastRecordOffset: String(last.offset),
    firstRecordTimestamp: new Date(first.timestamp).toISOString(),
    lastRecordTimestamp: new Date(last.timestamp).toISOString(),
  };
}

// Kafka's rule for topic names (kafka.common.Topic): 1-249 of [a-zA-Z0-9._-].
const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * Object key of a failed batch: `dead-letter/on-failure/dt=<failure day>/<topic>-<partition>-<first>-<last>.json`
 * for its first partition (`+N-more` when it spans more). Deterministic, so sending the same batch again after
 * a crash overwrites the object instead of adding a second one.
 */
export function onFailureObjectKey(event: MskEvent, failedAtMs: number): string {
  const groups = Object.values(event.records).filter((group) => group.length > 0);
  const first = groups[0]?.[0];
  const last = groups[0]?.at(-1);
  if (first === undefined || last === undefined) throw new EventError('an on-failure batch has no records');
  for (const group of groups) {
    const topic = group[0]?.topic ?? '';
    if (!LEGAL_TOPIC.test(topic)) {
      throw new EventError(
        `topic ${JSON.stringify(topic)} is not a legal Kafka topic name; it cannot name an object`,
      );
    }
  }
  const day = new Date(failedAtMs).toISOString().slice(0, 10);
  const more = groups.length > 1 ? `+${groups.length - 1}-more` : '';
  return `dead-letter/on-failure/dt=${day}/${first.topic}-${first.partition}-${first.offset}-${last.offset}${more}.json`;
}
