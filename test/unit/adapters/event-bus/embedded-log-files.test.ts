import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedLogOptions, openEmbeddedLog } from '../../../../src/adapters/event-bus/embedded-log.js';
import { partitionFor } from '../../../../src/msk/partitioner.js';
import type { EventConsumer, OutgoingRecord } from '../../../../src/ports/event-bus.js';

const TOPIC = 'realty.listings.v1';
const utf8 = new TextEncoder();
const text = (bytes: Uint8Array | null) => new TextDecoder().decode(bytes ?? new Uint8Array());
const record = (key: string | null, value: string): OutgoingRecord => ({
  key,
  value: utf8.encode(value),
  headers: {},
});
const all = { maxRecords: 10_000, maxBytes: 64 * 1024 * 1024, maxWaitMs: 0 };

let dir: string;
const opened: { close(): Promise<void> }[] = [];

async function open(options: Omit<EmbeddedLogOptions, 'dir'> = {}) {
  const log = await openEmbeddedLog({ dir, ...options });
  opened.push(log);
  return log;
}

async function readAll(consumer: EventConsumer) {
  return consumer.fetch(all);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'realty-log-'));
});
afterEach(async () => {
  for (const log of opened.splice(0)) await log.close();
  await rm(dir, { recursive: true, force: true });
});

describe('embedded log on disk', () => {
  it('restores records, log-end offsets and committed offsets when reopened after a clean close', async () => {
    const first = await open();
    await first.producer().ensureTopic({ topic: TOPIC, partitions: 3, replicationFactor: 1 });
    await first.producer().produce(
      TOPIC,
      Array.from({ length: 12 }, (_, i) => record(`k${i}`, `v${i}`)),
    );
    const before = await first.consumer({ topic: TOPIC, groupId: 'realty-transform' });
    await before.commit([{ topic: TOPIC, partition: 1, offset: 2 }]);
    const ends = await before.endOffsets();
    await first.close();

    const second = await open();
    const after = await second.consumer({ topic: TOPIC, groupId: 'realty-transform' });
    const landed = await second.producer().produce(TOPIC, [record('k0', 'after reopen')]);

    expect(await after.endOffsets()).toEqual(
      ends.map((e) => (e.partition === landed[0]!.partition ? { ...e, offset: e.offset + 1 } : e)),
    );
    expect(landed[0]!.offset).toBe(ends[partitionFor('k0', 3)]!.offset);
    expect((await after.committed())[1]!.offset).toBe(2);
    const values = (await readAll(await second.consumer({ topic: TOPIC, groupId: 'fresh' }))).map((r) =>
      text(r.value),
    );
    expect(values.sort()).toEqual([...Array.from({ length: 12 }, (_, i) => `v${i}`), 'after reopen'].sort());
  });

  it('writes committed offsets as one small JSON file per group and topic', async () => {
    const log = await open();
    await log.producer().ensureTopic({ topic: TOPIC, partitions: 2, replicationFactor: 1 });
    const consumer = await log.consumer({ topic: TOPIC, groupId: 'realty-transform' });

    await consumer.commit([{ topic: TOPIC, partition: 0, offset: 5 }]);
    await consumer.commit([{ topic: TOPIC, partition: 1, offset: 9 }]);

    const file = path.join(dir, 'groups', 'realty-transform', `${TOPIC}.json`);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ offsets: { '0': 5, '1': 9 } });
    expect((await readdir(path.dirname(file))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('rolls to a new segment file past segmentBytes, named by base offset, and reads across segments', async () => {
    const log = await open({ segmentBytes: 4096, indexIntervalBytes: 1024 });
    await log.producer().ensureTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });
    const payload = 'x'.repeat(500);

    await log.producer().produce(
      TOPIC,
      Array.from({ length: 30 }, (_, i) => record('one', `${i}:${payload}`)),
    );
    await log.producer().produce(
      TOPIC,
      Array.from({ length: 20 }, (_, i) => record('one', `${30 + i}:${payload}`)),
    );
    const consumer = await log.consumer({ topic: TOPIC, groupId: 'g' });
    await consumer.seek({ topic: TOPIC, partition: 0, offset: 37 });
    const tail = await readAll(consumer);

    const files = (await readdir(path.join(dir, 'topics', TOPIC, '0'))).sort();
    expect(files.length).toBeGreaterThan(5);
    expect(files[0]).toBe('00000000000000000000.log');
    expect(files[1]).toBe('00000000000000000007.log');
    expect(tail.map((r) => r.offset)).toEqual(Array.from({ length: 13 }, (_, i) => 37 + i));
    expect(tail.map((r) => text(r.value).split(':')[0])).toEqual(tail.map((r) => String(r.offset)));
  });

  it('finds every offset of a multi-segment partition again after reopening (indexes rebuilt on open)', async () => {
    const first = await open({ segmentBytes: 8192, indexIntervalBytes: 512 });
    await first.producer().ensureTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });
    await first.producer().produce(
      TOPIC,
      Array.from({ length: 120 }, (_, i) => record('k', `${i}:${'y'.repeat(300)}`)),
    );
    await first.close();

    const second = await open({ segmentBytes: 8192, indexIntervalBytes: 512 });
    const consumer = await second.consumer({ topic: TOPIC, groupId: 'g' });
    const found: number[] = [];
    for (const offset of [119, 0, 64, 63, 1, 100, 27]) {
      await consumer.seek({ topic: TOPIC, partition: 0, offset });
      const [got] = await consumer.fetch({ ...all, maxRecords: 1 });
      found.push(Number(text(got!.value).split(':')[0]));
    }

    expect(found).toEqual([119, 0, 64, 63, 1, 100, 27]);
  });

  it('appends a produce call of more records than one writev takes (IOV_MAX is 1024) whole and in order', async () => {
    const log = await open();
    await log.producer().ensureTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });

    const landed = await log.producer().produce(
      TOPIC,
      Array.from({ length: 3000 }, (_, i) => record('k', `v${i}`)),
    );
    const records = await readAll(await log.consumer({ topic: TOPIC, groupId: 'g' }));

    expect(landed.map((l) => l.offset)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(records.map((r) => text(r.value))).toEqual(Array.from({ length: 3000 }, (_, i) => `v${i}`));
  });

  it('stamps records without a timestamp with the injected clock', async () => {
    const log = await open({ clock: () => 1_767_225_600_000 });
    await log.producer().ensureTopic({ topic: TOPIC, partitions: 2, replicationFactor: 1 });

    await log.producer().produce(TOPIC, [record('a', '1'), { ...record('b', '2'), timestamp: 5 }]);
    const records = await readAll(await log.consumer({ topic: TOPIC, groupId: 'g' }));

    expect(records.map((r) => r.timestamp).sort()).toEqual([1_767_225_600_000, 5].sort());
  });

  it('keeps keyless records of one produce call in one partition and moves to the next partition on the next call', async () => {
    const log = await open();
    await log.producer().ensureTopic({ topic: TOPIC, partitions: 3, replicationFactor: 1 });

    const calls = [];
    for (let call = 0; call < 4; call++) {
      calls.push(
        await log.producer().produce(TOPIC, [record(null, 'a'), record(null, 'b'), record(null, 'c')]),
      );
    }

    expect(calls.map((landed) => new Set(landed.map((l) => l.partition)).size)).toEqual([1, 1, 1, 1]);
    expect(calls.map((landed) => landed[0]!.partition)).toEqual([0, 1, 2, 0]);
  });
});
