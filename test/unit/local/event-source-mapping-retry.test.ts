import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../src/errors.js';
import type { KafkaOnFailureRecord } from '../../../src/msk/on-failure-record.js';
import { esmHarness, records } from '../../helpers/esm-harness.js';

const boom = () => {
  throw new Error('transform failed');
};

describe('runEventSourceMapping: a function error', () => {
  it('retries the same batch and commits once it succeeds', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(1);
    log.append(records(0, 3));

    // Act
    const stats = await run({ MaximumRetryAttempts: 5 }, (_event, call) => (call === 1 ? boom() : undefined));

    // Assess
    expect(seen.map((s) => s.ids)).toEqual([seen[0]!.ids, seen[0]!.ids]);
    expect(stats).toMatchObject({ invocations: 2, retries: 1, recordsSucceeded: 3, recordsToOnFailure: 0 });
    expect(log.committed('realty-transform')[0]?.offset).toBe(3);
  });

  it('gives up after MaximumRetryAttempts, writes the whole invocation to the on-failure destination and goes on', async () => {
    // Prepare: a poison batch, then a good one
    const { log, run, seen, store } = esmHarness(1);
    log.append(records(0, 2));
    const poison = new Set(['realty.listings.v1-0-0', 'realty.listings.v1-0-1']);

    // Act
    const stats = await run(
      { BatchSize: 2, MaximumRetryAttempts: 2 },
      (event) => {
        if (
          Object.values(event.records)
            .flat()
            .some((r) => poison.has(`${r.topic}-${r.partition}-${r.offset}`))
        )
          boom();
        return undefined;
      },
      { onFailure: store, functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:realty-transform' },
    );
    log.append(records(0, 1));
    await run({ BatchSize: 2 }, undefined, { onFailure: store });

    // Assess
    const [failed, ...others] = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(others).toEqual([]);
    expect(failed?.requestContext).toEqual({
      requestId: 'request-3',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:realty-transform',
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 3,
    });
    expect(failed?.responseContext).toEqual({
      statusCode: 200,
      executedVersion: '$LATEST',
      functionError: 'Unhandled',
    });
    expect(JSON.parse(failed!.payload)).toEqual(seen[0]!.event);
    expect(stats).toMatchObject({ invocations: 3, retries: 2, recordsToOnFailure: 2, recordsSucceeded: 0 });
    expect(seen.at(-1)?.ids).toEqual(['realty.listings.v1-0-2']);
    expect(log.committed('realty-transform')[0]?.offset).toBe(3);
  });

  it('backs off between retries, doubling each time', async () => {
    // Prepare
    const { log, run, clock } = esmHarness(1);
    log.append(records(0, 1));

    // Act
    await run({ MaximumRetryAttempts: 4 }, boom, { retryBackoffMs: 100 });

    // Assess
    expect(clock.sleeps).toEqual([100, 200, 400, 800]);
  });

  it('bisects a failing batch and retries the halves separately until the poison record is alone', async () => {
    // Prepare
    const { log, run, seen, store } = esmHarness(1);
    log.append(records(0, 8));

    // Act
    const stats = await run(
      { BatchSize: 8, MaximumRetryAttempts: 0, BisectBatchOnFunctionError: true },
      (event) => (event.records['realty.listings.v1-0']?.some((r) => r.offset === 5) ? boom() : undefined),
      { onFailure: store },
    );

    // Assess: 0-7 fails, 0-3 ok, 4-7 fails, 4-5 fails, 4 ok, 5 fails alone and goes on-failure, 6-7 ok
    expect(seen.map((s) => s.ids.map((id) => Number(id.split('-').at(-1))))).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7],
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [4, 5],
      [4],
      [5],
      [6, 7],
    ]);
    expect(stats).toMatchObject({ bisections: 3, recordsToOnFailure: 1, recordsSucceeded: 7 });
    const [failed] = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(failed?.KafkaBatchInfo.recordsInfo).toEqual({
      'realty.listings.v1-0': expect.objectContaining({ firstRecordOffset: '5', lastRecordOffset: '5' }),
    });
    expect(failed?.requestContext.approximateInvokeCount).toBe(4);
    expect(log.committed('realty-transform')[0]?.offset).toBe(8);
  });

  it('sends records older than MaximumRecordAgeInSeconds to the on-failure destination instead of retrying', async () => {
    // Prepare
    const { log, run, seen, store, clock } = esmHarness(1);
    log.append([{ partition: 0, timestamp: clock.now() }]);

    // Act
    const stats = await run({ MaximumRetryAttempts: 10_000, MaximumRecordAgeInSeconds: 60 }, boom, {
      onFailure: store,
      retryBackoffMs: 10_000,
    });

    // Assess: invoked at 0 s, retried at 10, 30; the next retry (at 70 s) would deliver a 70 s old record
    expect(seen).toHaveLength(3);
    const [failed] = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(failed?.requestContext).toMatchObject({
      condition: 'RecordAgeExceeded',
      approximateInvokeCount: 3,
    });
    expect(stats.recordsToOnFailure).toBe(1);
  });

  it('never invokes the function with a record already too old', async () => {
    // Prepare
    const { log, run, seen, store, clock } = esmHarness(1);
    log.append([
      { partition: 0, timestamp: clock.now() - 3_600_001 },
      { partition: 0, timestamp: clock.now() },
    ]);

    // Act
    await run({ MaximumRecordAgeInSeconds: 3600 }, undefined, { onFailure: store });

    // Assess
    expect(seen.flatMap((s) => s.ids)).toEqual(['realty.listings.v1-0-1']);
    const [failed] = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(failed?.requestContext).toMatchObject({
      condition: 'RecordAgeExceeded',
      approximateInvokeCount: 0,
    });
    expect(failed?.responseContext).toBeNull();
  });

  it('discards the records when no on-failure destination is configured, as Lambda does, and goes on', async () => {
    // Prepare
    const { log, run } = esmHarness(1);
    log.append(records(0, 2));

    // Act
    const stats = await run({ MaximumRetryAttempts: 1 }, boom);

    // Assess
    expect(stats).toMatchObject({ invocations: 2, recordsDiscarded: 2, recordsToOnFailure: 0 });
    expect(log.committed('realty-transform')[0]?.offset).toBe(2);
  });

  it('commits nothing past a batch it could not write to the on-failure destination, and rewinds to it', async () => {
    // Prepare
    const { log, run, store, consumer } = esmHarness(1);
    log.append(records(0, 2));
    store.put = async () => {
      throw new StoreError('bucket unreachable');
    };

    // Act
    const act = run({ MaximumRetryAttempts: 0 }, boom, { onFailure: store });

    // Assess
    await expect(act).rejects.toThrow('bucket unreachable');
    expect(log.committed('realty-transform')[0]?.offset).toBe(0);
    expect(
      (await consumer.fetch({ maxRecords: 10, maxBytes: 1e6, maxWaitMs: 0 })).map((r) => r.offset),
    ).toEqual([0, 1]);
  });

  it('stops retrying when aborted and leaves the failed records to be read again', async () => {
    // Prepare
    const { log, run, seen, consumer } = esmHarness(1);
    log.append(records(0, 2));
    const controller = new AbortController();

    // Act
    await run(
      {},
      () => {
        controller.abort();
        boom();
      },
      { mode: 'follow', signal: controller.signal },
    );

    // Assess
    expect(seen).toHaveLength(1);
    expect(log.committed('realty-transform')[0]?.offset).toBe(0);
    expect(
      (await consumer.fetch({ maxRecords: 10, maxBytes: 1e6, maxWaitMs: 0 })).map((r) => r.offset),
    ).toEqual([0, 1]);
  });
});
