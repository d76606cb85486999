import { mkdtemp, readdir, rm, stat, truncate, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../../src/adapters/event-bus/embedded-log.js';
import { LogCorruptError } from '../../../../src/errors.js';

// Issue 18: half of a segment cut away looked like a torn tail; the writer dropped acknowledged
// records and reused their offsets, and reconcile said OK. A group that committed past the cut
// proves the records were acknowledged: the log is damaged, and says so.
const TOPIC = 'realty.listings.v1';
const COUNT = 20;
const all = { maxRecords: 1_000, maxBytes: 1 << 24, maxWaitMs: 0 };

let dir: string;
let partitionDir: string;

async function writeAndConsume(committed: number): Promise<void> {
  const log = await openEmbeddedLog({ dir, clock: () => 1_767_225_600_000 });
  await log.producer().ensureTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });
  for (let i = 0; i < COUNT; i++) {
    await log
      .producer()
      .produce(TOPIC, [{ key: 'M1', value: new TextEncoder().encode(`listing-${i}`), headers: {} }]);
  }
  const consumer = await log.consumer({ topic: TOPIC, groupId: 'realty-transform' });
  await consumer.fetch(all);
  await consumer.commit([{ topic: TOPIC, partition: 0, offset: committed }]);
  await log.close();
}

async function onlySegment(): Promise<string> {
  const names = (await readdir(partitionDir)).filter((name) => name.endsWith('.log'));
  return path.join(partitionDir, names.sort()[0]!);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'realty-log-lost-'));
  partitionDir = path.join(dir, 'topics', TOPIC, '0');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an embedded log that lost acknowledged records', () => {
  it('refuses to open, for writing or reading, when half of a segment the group read is cut away', async () => {
    await writeAndConsume(COUNT);
    const file = await onlySegment();
    await truncate(file, Math.floor((await stat(file)).size / 2));

    for (const readOnly of [false, true]) {
      const opening = openEmbeddedLog({ dir, readOnly });

      await expect(opening).rejects.toThrow(LogCorruptError);
      await expect(opening).rejects.toThrow(
        /ends at offset \d+, but consumer group realty-transform had already read and committed up to offset 20/,
      );
    }
    expect((await stat(file)).size).toBeGreaterThan(0);
  });

  it('refuses to open when the last segment the group read was deleted', async () => {
    await writeAndConsume(COUNT);
    await unlink(await onlySegment());

    await expect(openEmbeddedLog({ dir })).rejects.toThrow(/records 0 to 19 were acknowledged and are gone/);
  });

  it('still drops a torn last frame nobody read, as a crash mid-write leaves it', async () => {
    await writeAndConsume(5);
    const file = await onlySegment();
    await truncate(file, (await stat(file)).size - 3);

    const log = await openEmbeddedLog({ dir });
    const consumer = await log.consumer({ topic: TOPIC, groupId: 'check' });
    const [end] = await consumer.endOffsets();
    await log.close();

    expect(end!.offset).toBe(COUNT - 1);
  });
});
