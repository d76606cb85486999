import { describe, expect, it } from 'vitest';
import { EventError } from '../../../src/errors.js';
import { buildMskEvent, mskPayloadBytes } from '../../../src/msk/msk-event.js';
import { buildOnFailureRecord, onFailureObjectKey } from '../../../src/msk/on-failure-record.js';
import { BASE_TIMESTAMP_MS, consumedRecords } from '../../helpers/consumed-records.js';

const ARN = 'arn:aws:kafka:us-east-1:123456789012:cluster/realty/abc-1';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:realty-transform';

describe('buildOnFailureRecord', () => {
  const event = buildMskEvent(
    consumedRecords([
      { partition: 0, offset: 10 },
      { partition: 0, offset: 12 },
      { partition: 3, offset: 7 },
    ]),
    { eventSourceArn: ARN, bootstrapServers: 'b-1:9098' },
  );
  const failedAtMs = Date.UTC(2026, 10, 21, 8, 30, 5, 21);

  it('holds what Lambda sends an S3 destination: metadata, batch info and the whole event as a JSON string', () => {
    // Act
    const record = buildOnFailureRecord({
      event,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 3,
      functionArn: FUNCTION_ARN,
      requestId: '316aa6d0-8154-4c1f-9af7-85d5f4a6bc81',
      failedAtMs,
      response: { functionError: 'Unhandled' },
    });

    // Assess
    expect(Object.keys(record)).toEqual([
      'requestContext',
      'responseContext',
      'version',
      'timestamp',
      'KafkaBatchInfo',
      'payload',
    ]);
    expect(record.requestContext).toEqual({
      requestId: '316aa6d0-8154-4c1f-9af7-85d5f4a6bc81',
      functionArn: FUNCTION_ARN,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 3,
    });
    expect(record.responseContext).toEqual({
      statusCode: 200,
      executedVersion: '$LATEST',
      functionError: 'Unhandled',
    });
    expect(record.version).toBe('1.0');
    expect(record.timestamp).toBe('2026-11-21T08:30:05.021Z');
    expect(record.KafkaBatchInfo).toEqual({
      batchSize: 3,
      eventSourceArn: ARN,
      bootstrapServers: 'b-1:9098',
      payloadSize: mskPayloadBytes(event),
      recordsInfo: {
        'realty.listings.v1-0': {
          firstRecordOffset: '10',
          lastRecordOffset: '12',
          firstRecordTimestamp: new Date(BASE_TIMESTAMP_MS + 10).toISOString(),
          lastRecordTimestamp: new Date(BASE_TIMESTAMP_MS + 12).toISOString(),
        },
        'realty.listings.v1-3': {
          firstRecordOffset: '7',
          lastRecordOffset: '7',
          firstRecordTimestamp: new Date(BASE_TIMESTAMP_MS + 7).toISOString(),
          lastRecordTimestamp: new Date(BASE_TIMESTAMP_MS + 7).toISOString(),
        },
      },
    });
    expect(JSON.parse(record.payload)).toEqual(event);
  });

  it('sets responseContext to null for records that never reached the function', () => {
    // Act
    const record = buildOnFailureRecord({
      event,
      condition: 'MaximumPayloadSizeExceeded',
      approximateInvokeCount: 0,
      functionArn: FUNCTION_ARN,
      requestId: 'r',
      failedAtMs,
      response: null,
    });

    // Assess
    expect(record.responseContext).toBeNull();
    expect(record.requestContext.condition).toBe('MaximumPayloadSizeExceeded');
  });
});

describe('onFailureObjectKey', () => {
  const failedAtMs = Date.UTC(2026, 10, 21, 8, 30);

  it('names the object after the failure day and the offsets it holds, so a resend overwrites it', () => {
    // Prepare
    const event = buildMskEvent(
      consumedRecords([
        { partition: 4, offset: 150 },
        { partition: 4, offset: 199 },
      ]),
      {
        bootstrapServers: 'b:9092',
      },
    );

    // Act
    const key = onFailureObjectKey(event, failedAtMs);

    // Assess
    expect(key).toBe('dead-letter/on-failure/dt=2026-11-21/realty.listings.v1-4-150-199.json');
  });

  it('counts the other partitions of a batch that spans several', () => {
    // Prepare
    const event = buildMskEvent(
      consumedRecords([
        { partition: 1, offset: 3 },
        { partition: 0, offset: 9 },
        { partition: 2, offset: 1 },
      ]),
      { bootstrapServers: 'b:9092' },
    );

    // Act
    const key = onFailureObjectKey(event, failedAtMs);

    // Assess
    expect(key).toBe('dead-letter/on-failure/dt=2026-11-21/realty.listings.v1-1-3-3+2-more.json');
  });

  it('refuses a topic name Kafka would not allow, rather than put it in a path', () => {
    // Prepare
    const event = buildMskEvent(consumedRecords([{ topic: '../raw', partition: 0, offset: 1 }]), {
      bootstrapServers: 'b',
    });

    // Act
    const act = () => onFailureObjectKey(event, failedAtMs);

    // Assess
    expect(act).toThrow(EventError);
    expect(act).toThrow(/topic "..\/raw" is not a legal Kafka topic name/);
  });
});
