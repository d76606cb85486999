import { describe, expect, it } from 'vitest';
import { interpretBatchResponse, kafkaItemIdentifier } from '../../../src/msk/batch-item-failures.js';
import { buildMskEvent } from '../../../src/msk/msk-event.js';
import { consumedRecords } from '../../helpers/consumed-records.js';

describe('interpretBatchResponse', () => {
  const event = buildMskEvent(
    consumedRecords([
      { partition: 0, offset: 5 },
      { partition: 0, offset: 6 },
      { partition: 0, offset: 7 },
      { partition: 1, offset: 2 },
      { topic: 'my-topic', partition: 12, offset: 40 },
    ]),
    { bootstrapServers: 'b:9092' },
  );

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['an empty object', {}],
    ['a null batchItemFailures', { batchItemFailures: null }],
    ['an empty batchItemFailures', { batchItemFailures: [] }],
  ])('counts %s as a fully processed batch', (_name, response) => {
    // Act
    const outcome = interpretBatchResponse(response, event);

    // Assess
    expect(outcome).toEqual({ kind: 'success' });
  });

  // The response Lambda reads for Kafka event sources (MSK and self-managed): itemIdentifier is an object,
  // { partition: "<topic>-<partition>" (the records key), offset }.
  // https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
  const failed = (partition: string, offset: unknown) => ({ itemIdentifier: { partition, offset } });

  it('keeps, per partition, the lowest failed offset of the Kafka identifiers', () => {
    // Prepare
    const response = {
      batchItemFailures: [
        failed('realty.listings.v1-0', 7),
        failed('realty.listings.v1-0', 6),
        failed('my-topic-12', 40),
      ],
      written: 3,
    };

    // Act
    const outcome = interpretBatchResponse(response, event);

    // Assess
    expect(outcome).toEqual({
      kind: 'partial',
      firstFailedOffsets: new Map([
        ['realty.listings.v1-0', 6],
        ['my-topic-12', 40],
      ]),
    });
  });

  it('reads what kafkaItemIdentifier writes for every record of the event', () => {
    // Prepare
    const all = Object.values(event.records).flat();
    const response = { batchItemFailures: all.map((r) => ({ itemIdentifier: kafkaItemIdentifier(r) })) };

    // Act
    const outcome = interpretBatchResponse(JSON.parse(JSON.stringify(response)), event);

    // Assess
    expect(outcome).toEqual({
      kind: 'partial',
      firstFailedOffsets: new Map([
        ['realty.listings.v1-0', 5],
        ['realty.listings.v1-1', 2],
        ['my-topic-12', 40],
      ]),
    });
  });

  it.each([
    [
      'an offset that was not in the event',
      { batchItemFailures: [failed('realty.listings.v1-0', 8)] },
      /realty.listings.v1-0 offset 8 was not in the event/,
    ],
    [
      'a partition that was not in the event',
      { batchItemFailures: [failed('realty.listings.v1-3', 5)] },
      /realty.listings.v1-3 offset 5 was not in the event/,
    ],
    [
      'the "topic-partition-offset" string other event sources use',
      { batchItemFailures: [{ itemIdentifier: 'realty.listings.v1-0-5' }] },
      /batchItemFailures\[0\]\.itemIdentifier/,
    ],
    [
      'an empty identifier',
      { batchItemFailures: [{ itemIdentifier: '' }] },
      /batchItemFailures\[0\]\.itemIdentifier/,
    ],
    [
      'a null identifier',
      { batchItemFailures: [{ itemIdentifier: null }] },
      /batchItemFailures\[0\]\.itemIdentifier/,
    ],
    [
      'a misspelt key',
      { batchItemFailures: [{ itemId: { partition: 'realty.listings.v1-0', offset: 5 } }] },
      /batchItemFailures\[0\]/,
    ],
    [
      'the key "topic-partition" instead of "partition"',
      { batchItemFailures: [{ itemIdentifier: { 'topic-partition': 'realty.listings.v1-0', offset: 5 } }] },
      /itemIdentifier\.partition/,
    ],
    [
      'an offset given as a string',
      { batchItemFailures: [failed('realty.listings.v1-0', '5')] },
      /itemIdentifier\.offset/,
    ],
    ['a fractional offset', { batchItemFailures: [failed('realty.listings.v1-0', 5.5)] }, /offset/],
    [
      'batchItemFailures that is not a list',
      { batchItemFailures: failed('realty.listings.v1-0', 5) },
      /batchItemFailures/,
    ],
    ['a bare string', 'ok', /not an object/],
  ])('treats %s as a failure of the whole batch', (_name, response, reason) => {
    // Act
    const outcome = interpretBatchResponse(response, event);

    // Assess
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.reason).toMatch(reason);
  });
});
