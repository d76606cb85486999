import { describe, expect, it } from 'vitest';
import { BusError, ConfigError } from '../../../src/errors.js';
import { esmHarness, records } from '../../helpers/esm-harness.js';

describe('runEventSourceMapping: offsets and modes', () => {
  it('starts from the committed offsets, so a second drain delivers nothing again', async () => {
    // Prepare
    const { log, run, seen } = esmHarness(1);
    log.append(records(0, 5));
    await run({});

    // Act
    log.append(records(0, 2));
    const stats = await run({});

    // Assess
    expect(stats.recordsDelivered).toBe(2);
    expect(seen.at(-1)?.ids).toEqual(['realty.listings.v1-0-5', 'realty.listings.v1-0-6']);
  });

  it('returns at once in drain mode when the group has committed up to the end', async () => {
    // Prepare
    const { run, consumer } = esmHarness(2);

    // Act
    const stats = await run({});

    // Assess
    expect(stats.invocations).toBe(0);
    expect(consumer.fetches).toEqual([]);
  });

  it('commits past the gaps compaction leaves in offsets', async () => {
    // Prepare
    const { log, run } = esmHarness(1);
    log.append([
      { partition: 0, offset: 0 },
      { partition: 0, offset: 4 },
      { partition: 0, offset: 9 },
    ]);

    // Act
    const stats = await run({});

    // Assess
    expect(stats.recordsSucceeded).toBe(3);
    expect(log.committed('realty-transform')[0]?.offset).toBe(10);
  });

  it('keeps following the log in follow mode until aborted, adding up stats as it goes', async () => {
    // Prepare
    const { log, clock, run, seen } = esmHarness(1);
    const controller = new AbortController();
    const start = clock.now();
    clock.at(start + 5_000, () => log.append(records(0, 2)));
    clock.at(start + 60_000, () => log.append(records(0, 1)));
    clock.at(start + 120_000, () => controller.abort());
    const stats = {
      batches: 0,
      invocations: 0,
      recordsDelivered: 0,
      recordsSucceeded: 0,
      retries: 0,
      bisections: 0,
      recordsToOnFailure: 0,
      recordsDiscarded: 0,
    };

    // Act
    const returned = await run({}, undefined, { mode: 'follow', signal: controller.signal, stats });

    // Assess
    expect(seen.map((s) => s.ids.length)).toEqual([2, 1]);
    expect(returned).toBe(stats);
    expect(stats.recordsSucceeded).toBe(3);
    expect(log.committed('realty-transform')[0]?.offset).toBe(3);
  });

  it('fails with a BusError instead of spinning when drain cannot reach the end offsets', async () => {
    // Prepare: the group is told of an end offset no fetch will ever reach
    const { run, consumer, log } = esmHarness(1);
    consumer.endOffsets = async () => [{ topic: log.topic, partition: 0, offset: 3 }];

    // Act
    const act = run({});

    // Assess
    await expect(act).rejects.toThrow(BusError);
    await expect(act).rejects.toThrow(/drain stalled: .*realty.listings.v1-0 at 0 of 3/);
  });

  it('refuses a DestinationConfig without an on-failure store to write to', async () => {
    // Prepare
    const { run } = esmHarness(1);

    // Act
    const act = run({ DestinationConfig: { OnFailure: { Destination: 'arn:aws:s3:::realty' } } });

    // Assess
    await expect(act).rejects.toThrow(ConfigError);
    await expect(act).rejects.toThrow(
      /DestinationConfig.OnFailure is set but no on-failure ObjectStore was given/,
    );
  });
});
