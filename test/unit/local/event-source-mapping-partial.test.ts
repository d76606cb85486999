import { describe, expect, it } from 'vitest';
import type { KafkaOnFailureRecord } from '../../../src/msk/on-failure-record.js';
import { esmHarness, records } from '../../helpers/esm-harness.js';

const REPORT = { FunctionResponseTypes: ['ReportBatchItemFailures'] };

describe('runEventSourceMapping: partial batch responses', () => {
  it('commits up to the lowest failed offset per partition, then retries only from there', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(2);
    log.append([...records(0, 5), ...records(1, 3)]);

    // Act
    const stats = await run({ ...REPORT, MaximumRetryAttempts: 3 }, (_event, call) =>
      call === 1
        ? {
            batchItemFailures: [
              { itemIdentifier: { partition: 'realty.listings.v1-0', offset: 4 } },
              { itemIdentifier: { partition: 'realty.listings.v1-0', offset: 2 } },
            ],
          }
        : { batchItemFailures: [] },
    );

    // Assess
    expect(seen[1]?.ids).toEqual([
      'realty.listings.v1-0-2',
      'realty.listings.v1-0-3',
      'realty.listings.v1-0-4',
    ]);
    expect(log.commits[0]?.positions).toEqual([
      { topic: log.topic, partition: 0, offset: 2 },
      { topic: log.topic, partition: 1, offset: 3 },
    ]);
    expect(log.committed('realty-transform').map((p) => p.offset)).toEqual([5, 3]);
    expect(stats).toMatchObject({ invocations: 2, retries: 1, recordsDelivered: 11, recordsSucceeded: 8 });
  });

  // https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html: Kafka's identifier is an object.
  it('retries the whole batch when the response uses the "topic-partition-offset" string of other sources', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(1);
    log.append(records(0, 3));

    // Act
    await run({ ...REPORT, MaximumRetryAttempts: 1 }, (_event, call) =>
      call === 1
        ? ({ batchItemFailures: [{ itemIdentifier: 'realty.listings.v1-0-1' }] } as never)
        : undefined,
    );

    // Assess
    expect(seen.map((s) => s.ids.length)).toEqual([3, 3]);
  });

  it('ignores the response when ReportBatchItemFailures is not enabled', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(1);
    log.append(records(0, 3));

    // Act
    await run({}, () => ({
      batchItemFailures: [{ itemIdentifier: { partition: 'realty.listings.v1-0', offset: 0 } }],
    }));

    // Assess
    expect(seen).toHaveLength(1);
    expect(log.committed('realty-transform')[0]?.offset).toBe(3);
  });

  it('retries the whole batch when an identifier names a record that was not in the event', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(1);
    log.append(records(0, 3));

    // Act
    await run({ ...REPORT, MaximumRetryAttempts: 1 }, (_event, call) =>
      call === 1
        ? { batchItemFailures: [{ itemIdentifier: { partition: 'realty.listings.v1-0', offset: 42 } }] }
        : undefined,
    );

    // Assess
    expect(seen.map((s) => s.ids.length)).toEqual([3, 3]);
    expect(log.commits).toHaveLength(1);
  });

  it('sends records that keep failing to the on-failure destination, never redelivering the ones that passed', async () => {
    // Prepare
    const { log, run, seen, store } = esmHarness(1);
    log.append(records(0, 4));

    // Act
    const stats = await run(
      { ...REPORT, MaximumRetryAttempts: 2 },
      () => ({
        batchItemFailures: [{ itemIdentifier: { partition: 'realty.listings.v1-0', offset: 3 } }],
      }),
      { onFailure: store },
    );

    // Assess
    expect(seen.map((s) => s.ids.length)).toEqual([4, 1, 1]);
    const [failed] = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(failed?.requestContext).toMatchObject({
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 3,
    });
    expect(failed?.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(stats).toMatchObject({ retries: 2, recordsSucceeded: 3, recordsToOnFailure: 1 });
    expect(log.committed('realty-transform')[0]?.offset).toBe(4);
  });
});
