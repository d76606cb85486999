import { describe, expect, it } from 'vitest';
import { ByteBackedMskRecord } from '../../../src/msk/byte-backed-record.js';
import { MSK_INVOKE_PAYLOAD_LIMIT_BYTES } from '../../../src/msk/esm-settings.js';
import { buildByteBackedMskEvent, mskPayloadBytes } from '../../../src/msk/msk-event.js';
import type { KafkaOnFailureRecord } from '../../../src/msk/on-failure-record.js';
import { esmHarness, records } from '../../helpers/esm-harness.js';

describe('runEventSourceMapping: batching', () => {
  it('drains the log in batches of at most BatchSize, commits to the end and stops', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(1);
    log.append(records(0, 250));

    // Act
    const stats = await run({ BatchSize: 100 });

    // Assess
    expect(seen.map((s) => s.ids.length)).toEqual([100, 100, 50]);
    expect(log.committed('realty-transform')).toEqual([{ topic: log.topic, partition: 0, offset: 250 }]);
    expect(stats).toMatchObject({
      batches: 3,
      invocations: 3,
      recordsDelivered: 250,
      recordsSucceeded: 250,
      retries: 0,
    });
  });

  it('puts records of several partitions in one event, each partition in offset order', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(3);
    log.append([...records(2, 2), ...records(0, 3), ...records(1, 1)]);

    // Act
    await run({ BatchSize: 10 });

    // Assess
    expect(seen).toHaveLength(1);
    expect(Object.keys(seen[0]!.event.records)).toEqual([
      'realty.listings.v1-0',
      'realty.listings.v1-1',
      'realty.listings.v1-2',
    ]);
    expect(seen[0]!.event.records['realty.listings.v1-0']?.map((r) => r.offset)).toEqual([0, 1, 2]);
    expect(seen[0]!.event.eventSource).toBe('aws:kafka');
  });

  it('builds each event with the builder it is given: a byte-backed event serialises as the plain one would', async () => {
    // Prepare
    const plain = esmHarness(2);
    const backed = esmHarness(2);
    for (const { log } of [plain, backed])
      log.append([...records(1, 3), ...records(0, 4, { valueBytes: 300 })]);

    // Act
    await plain.run({ BatchSize: 5 });
    await backed.run({ BatchSize: 5 }, undefined, { buildEvent: buildByteBackedMskEvent });

    // Assess
    expect(backed.seen.map((s) => s.ids)).toEqual(plain.seen.map((s) => s.ids));
    const records0 = backed.seen.flatMap((s) => Object.values(s.event.records).flat());
    expect(records0.every((r) => r instanceof ByteBackedMskRecord)).toBe(true);
    expect(backed.seen.map((s) => JSON.stringify(s.event))).toEqual(
      plain.seen.map((s) => JSON.stringify(s.event)),
    );
  });

  it('waits up to the batching window after the first record for more to arrive', async () => {
    // Prepare
    const { log, clock, run, seen } = esmHarness(1);
    const start = clock.now();
    log.append(records(0, 3));
    clock.at(start + 200, () => log.append(records(0, 2)));
    clock.at(start + 700, () => log.append(records(0, 1)));
    const controller = new AbortController();

    // Act
    await run(
      { BatchSize: 100 },
      (_event, call) => {
        if (call === 2) controller.abort();
      },
      { mode: 'follow', signal: controller.signal },
    );

    // Assess: the default 500 ms window closes before the record of t+700 arrives
    expect(seen.map((s) => s.ids.length)).toEqual([5, 1]);
    expect(seen[0]!.atMs - start).toBe(500);
  });

  it('invokes as soon as BatchSize records are in, without waiting out the window', async () => {
    // Prepare
    const { log, clock, run, seen } = esmHarness(1);
    const start = clock.now();
    log.append(records(0, 3));
    clock.at(start + 100, () => log.append(records(0, 3)));
    const controller = new AbortController();

    // Act
    await run(
      { BatchSize: 4, MaximumBatchingWindowInSeconds: 30 },
      (_event, call) => {
        if (call === 2) controller.abort();
      },
      { mode: 'follow', signal: controller.signal },
    );

    // Assess
    expect(seen.map((s) => [s.ids.length, s.atMs - start])).toEqual([
      [4, 100],
      [2, 30_100],
    ]);
  });

  it('does not wait out the window in drain mode once everything up to the end offsets is in', async () => {
    // Prepare
    const { log, clock, run, seen } = esmHarness(2);
    log.append([...records(0, 3), ...records(1, 2)]);
    const start = clock.now();

    // Act
    await run({ BatchSize: 100, MaximumBatchingWindowInSeconds: 5 });

    // Assess
    expect(seen).toHaveLength(1);
    expect(seen[0]!.atMs).toBe(start);
  });

  // Event source mappings invoke synchronously: "For synchronous invocations, the maximum payload size is 6 MB"
  // (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html).
  it('never builds an event over the 6 MB invocation payload cap', async () => {
    // Prepare: about 1 MB of value per record, so 100 records would be about 133 MB of base64
    const { log, run, seen } = esmHarness(2);
    log.append([...records(0, 9, { valueBytes: 1_000_000 }), ...records(1, 4, { valueBytes: 1_000_000 })]);

    // Act
    const stats = await run({ BatchSize: 100 });

    // Assess
    const sizes = seen.map((s) => mskPayloadBytes(s.event));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MSK_INVOKE_PAYLOAD_LIMIT_BYTES);
    expect(seen.map((s) => s.ids.length)).toEqual([4, 4, 4, 1]);
    expect(stats.recordsSucceeded).toBe(13);
  });

  it('sends a record too large for any event to the on-failure destination without invoking, and goes on', async () => {
    // Prepare
    const { log, run, seen, store } = esmHarness(1);
    log.append([{ partition: 0 }, { partition: 0, valueBytes: 5_000_000 }, { partition: 0 }]);

    // Act
    const stats = await run({ BatchSize: 100 }, undefined, { onFailure: store });

    // Assess
    const [failed] = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(failed?.requestContext).toMatchObject({
      condition: 'MaximumPayloadSizeExceeded',
      approximateInvokeCount: 0,
    });
    expect(failed?.responseContext).toBeNull();
    expect(seen.flatMap((s) => s.ids)).toEqual(['realty.listings.v1-0-0', 'realty.listings.v1-0-2']);
    expect(log.committed('realty-transform')[0]?.offset).toBe(3);
    expect(stats.recordsToOnFailure).toBe(1);
  });
});
