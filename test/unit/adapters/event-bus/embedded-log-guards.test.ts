import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedLogOptions, openEmbeddedLog } from '../../../../src/adapters/event-bus/embedded-log.js';
import { BusError, ConfigError } from '../../../../src/errors.js';
import type { OutgoingRecord } from '../../../../src/ports/event-bus.js';

const TOPIC = 'realty.listings.v1';
const spec = { topic: TOPIC, partitions: 2, replicationFactor: 1 };
const record = (key: string, value: string): OutgoingRecord => ({
  key,
  value: new TextEncoder().encode(value),
  headers: {},
});

let dir: string;
const opened: { close(): Promise<void> }[] = [];

async function open(options: Omit<EmbeddedLogOptions, 'dir'> = {}) {
  const log = await openEmbeddedLog({ dir, ...options });
  opened.push(log);
  return log;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'realty-log-'));
});
afterEach(async () => {
  for (const log of opened.splice(0)) await log.close();
  await rm(dir, { recursive: true, force: true });
});

describe('embedded log guards', () => {
  it('refuses a second writer of the same directory, naming the lock file and the owning process', async () => {
    await open();

    const second = open();

    await expect(second).rejects.toThrow(BusError);
    await expect(second).rejects.toThrow(`process ${process.pid}`);
    await expect(second).rejects.toThrow(path.join(dir, 'writer.lock'));
  });

  it('lets a new writer in once the previous one closed', async () => {
    const first = await open();
    await first.close();

    const second = open();

    await expect(second).resolves.toBeDefined();
  });

  it('lets a read-only opener read beside the writer and see records the writer appends later', async () => {
    const writer = await open();
    await writer.producer().ensureTopic(spec);
    await writer.producer().produce(TOPIC, [record('a', 'before')]);
    const reader = await open({ readOnly: true, pollIntervalMs: 10 });
    const consumer = await reader.consumer({ topic: TOPIC, groupId: 'reader' });
    const first = await consumer.fetch({ maxRecords: 10, maxBytes: 1 << 20, maxWaitMs: 1000 });

    const waiting = consumer.fetch({ maxRecords: 10, maxBytes: 1 << 20, maxWaitMs: 5000 });
    await writer.producer().produce(TOPIC, [record('a', 'after')]);
    const second = await waiting;

    expect(first.map((r) => new TextDecoder().decode(r.value!))).toEqual(['before']);
    expect(second.map((r) => new TextDecoder().decode(r.value!))).toEqual(['after']);
  });

  it('refuses to produce through a read-only open', async () => {
    const reader = await open({ readOnly: true });

    expect(() => reader.producer()).toThrow(/opened for reading/);
  });

  it('refuses to produce to a topic that was never created, saying which command creates it', async () => {
    const log = await open();

    const produce = log.producer().produce('realty.unknown.v1', [record('a', '1')]);

    await expect(produce).rejects.toThrow(BusError);
    await expect(produce).rejects.toThrow(/`realty run` creates it/);
  });

  it('refuses to change the partition count of an existing topic', async () => {
    const log = await open();
    await log.producer().ensureTopic(spec);

    const change = log.producer().ensureTopic({ ...spec, partitions: 3 });

    await expect(change).rejects.toThrow(/exists with 2 partitions, not 3/);
  });

  it.each(['', '.', '..', '../escape', 'a/b', 'bad name', 'x'.repeat(250)])(
    'rejects the topic name %j that Kafka would reject',
    async (name) => {
      const log = await open();

      const create = log.producer().ensureTopic({ ...spec, topic: name });

      await expect(create).rejects.toThrow(BusError);
      await expect(create).rejects.toThrow(/a-z A-Z 0-9/);
    },
  );

  it('rejects a consumer group id that is not safe as a file name', async () => {
    const log = await open();
    await log.producer().ensureTopic(spec);

    const consumer = log.consumer({ topic: TOPIC, groupId: '../../etc' });

    await expect(consumer).rejects.toThrow(/consumer group id/);
  });

  it.each([
    [{ segmentBytes: 0 }, 'segmentBytes'],
    [{ indexIntervalBytes: 1.5 }, 'indexIntervalBytes'],
    [{ surprise: true }, 'surprise'],
  ])('rejects the option %j with a ConfigError naming it', async (options, name) => {
    const attempt = openEmbeddedLog({ dir, ...(options as object) });

    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(name);
  });

  it.each([
    { maxRecords: 0, maxBytes: 10, maxWaitMs: 0 },
    { maxRecords: 1, maxBytes: 0, maxWaitMs: 0 },
    { maxRecords: 1, maxBytes: 10, maxWaitMs: -1 },
    { maxRecords: Number.NaN, maxBytes: 10, maxWaitMs: 0 },
  ])('rejects the fetch limits %j', async (limits) => {
    const log = await open();
    await log.producer().ensureTopic(spec);
    const consumer = await log.consumer({ topic: TOPIC, groupId: 'g' });

    await expect(consumer.fetch(limits)).rejects.toThrow(/fetch limits/);
  });

  it('rejects a seek or commit outside the topic, naming the valid partitions', async () => {
    const log = await open();
    await log.producer().ensureTopic(spec);
    const consumer = await log.consumer({ topic: TOPIC, groupId: 'g' });

    await expect(consumer.seek({ topic: TOPIC, partition: 2, offset: 0 })).rejects.toThrow(
      /partitions 0 to 1/,
    );
    await expect(consumer.commit([{ topic: TOPIC, partition: 0, offset: -1 }])).rejects.toThrow(
      /non-negative/,
    );
    await expect(consumer.seek({ topic: 'other', partition: 0, offset: 0 })).rejects.toThrow(/reads topic/);
  });

  it('fails calls made after the log was closed', async () => {
    const log = await open();
    await log.producer().ensureTopic(spec);
    const consumer = await log.consumer({ topic: TOPIC, groupId: 'g' });
    const producer = log.producer();

    await log.close();

    await expect(producer.produce(TOPIC, [record('a', '1')])).rejects.toThrow(/closed/);
    await expect(consumer.fetch({ maxRecords: 1, maxBytes: 10, maxWaitMs: 0 })).rejects.toThrow(/closed/);
  });
});
