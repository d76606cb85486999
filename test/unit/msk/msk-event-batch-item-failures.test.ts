import { describe, expect, it } from 'vitest';
import { interpretBatchResponse } from '../../../src/msk/batch-item-failures.js';
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

  it('keeps, per partition, the lowest failed offset from "topic-partition-offset" identifiers', () => {
    // Prepare
    const response = {
      batchItemFailures: [
        { itemIdentifier: 'realty.listings.v1-0-7' },
        { itemIdentifier: 'realty.listings.v1-0-6' },
        { itemIdentifier: 'my-topic-12-40' },
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

  it('reads the object identifier AWS documents for Kafka: { "topic-partition", offset }', () => {
    // Prepare
    const response = {
      batchItemFailures: [{ itemIdentifier: { 'topic-partition': 'realty.listings.v1-1', offset: 2 } }],
    };

    // Act
    const outcome = interpretBatchResponse(response, event);

    // Assess
    expect(outcome).toEqual({ kind: 'partial', firstFailedOffsets: new Map([['realty.listings.v1-1', 2]]) });
  });

  it.each([
    [
      'an offset that was not in the event',
      { batchItemFailures: [{ itemIdentifier: 'realty.listings.v1-0-8' }] },
      /realty.listings.v1-0-8 was not in the event/,
    ],
    [
      'a partition that was not in the event',
      { batchItemFailures: [{ itemIdentifier: 'realty.listings.v1-3-5' }] },
      /realty.listings.v1-3-5 was not in the event/,
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
      { batchItemFailures: [{ itemId: 'realty.listings.v1-0-5' }] },
      /batchItemFailures\[0\]/,
    ],
    [
      'an identifier without an offset',
      { batchItemFailures: [{ itemIdentifier: 'realty.listings.v1' }] },
      /not "topic-partition-offset"/,
    ],
    [
      'batchItemFailures that is not a list',
      { batchItemFailures: 'realty.listings.v1-0-5' },
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
