import { appendFile, mkdtemp, open, readdir, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../../src/adapters/event-bus/embedded-log.js';
import { LogCorruptError } from '../../../../src/errors.js';
import type { ConsumedRecord } from '../../../../src/ports/event-bus.js';

const TOPIC = 'realty.listings.v1';
const COUNT = 10;
const all = { maxRecords: 1_000, maxBytes: 1 << 24, maxWaitMs: 0 };
// Same-sized records (fixed clock, key and value lengths), so frame k starts at k * frameBytes.
const value = (i: number) =>
  new TextEncoder().encode(`listing-${String(i).padStart(3, '0')}-${'z'.repeat(200)}`);

let dir: string;
let partitionDir: string;

async function writeLog(options: { segmentBytes?: number } = {}): Promise<void> {
  const log = await openEmbeddedLog({ dir, clock: () => 1_767_225_600_000, ...options });
  await log.producer().ensureTopic({ topic: TOPIC, partitions: 1, replicationFactor: 1 });
  for (let i = 0; i < COUNT; i++)
    await log.producer().produce(TOPIC, [{ key: 'M1', value: value(i), headers: {} }]);
  await log.close();
}

async function segments(): Promise<string[]> {
  return (await readdir(partitionDir)).sort().map((name) => path.join(partitionDir, name));
}

async function flipByte(file: string, position: number): Promise<void> {
  const handle = await open(file, 'r+');
  const byte = Buffer.alloc(1);
  await handle.read(byte, 0, 1, position);
  byte[0]! ^= 0x40;
  await handle.write(byte, 0, 1, position);
  await handle.close();
}

async function readAll(
  options: { readOnly?: boolean } = {},
): Promise<{ records: ConsumedRecord[]; end: number }> {
  const log = await openEmbeddedLog({ dir, ...options });
  const consumer = await log.consumer({ topic: TOPIC, groupId: 'check' });
  const records = await consumer.fetch(all);
  const [end] = await consumer.endOffsets();
  await log.close();
  return { records, end: end!.offset };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'realty-log-repair-'));
  partitionDir = path.join(dir, 'topics', TOPIC, '0');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('embedded log repair on open', () => {
  it.each([
    ['in the middle of its body', 7],
    ['inside its header', 5],
  ])(
    'drops a last frame cut %s, keeps the records before it, and appends after them',
    async (_where, keepBytes) => {
      await writeLog();
      const [file] = await segments();
      const frameBytes = (await stat(file!)).size / COUNT;
      const lastStart = frameBytes * (COUNT - 1);
      await truncate(file!, lastStart + keepBytes);

      const log = await openEmbeddedLog({ dir });
      const landed = await log.producer().produce(TOPIC, [{ key: 'M1', value: value(99), headers: {} }]);
      const consumer = await log.consumer({ topic: TOPIC, groupId: 'g' });
      const records = await consumer.fetch(all);
      await log.close();

      expect(landed[0]!.offset).toBe(COUNT - 1);
      expect(records.map((r) => r.offset)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
      expect(records.map((r) => r.value)).toEqual([
        ...Array.from({ length: COUNT - 1 }, (_, i) => value(i)),
        value(99),
      ]);
      expect((await stat(file!)).size).toBe(frameBytes * COUNT);
    },
  );

  it('drops a zero-filled tail, as a power cut can leave after the last whole frame', async () => {
    await writeLog();
    const [file] = await segments();
    const size = (await stat(file!)).size;
    await appendFile(file!, Buffer.alloc(4096));

    const { records, end } = await readAll();

    expect(end).toBe(COUNT);
    expect(records).toHaveLength(COUNT);
    expect((await stat(file!)).size).toBe(size);
  });

  it('leaves a torn tail in place for a read-only opener, which reads the records before it', async () => {
    await writeLog();
    const [file] = await segments();
    const cut = (await stat(file!)).size - 3;
    await truncate(file!, cut);

    const { records, end } = await readAll({ readOnly: true });

    expect(end).toBe(COUNT - 1);
    expect(records.map((r) => r.value)).toEqual(Array.from({ length: COUNT - 1 }, (_, i) => value(i)));
    expect((await stat(file!)).size).toBe(cut);
  });

  it.each([
    ['a byte of a record value', 40],
    ['a byte of the length field', 1],
  ])(
    'refuses to open a log with %s flipped in a middle frame, naming the file and byte offset',
    async (_what, at) => {
      await writeLog();
      const [file] = await segments();
      const frameBytes = (await stat(file!)).size / COUNT;
      await flipByte(file!, frameBytes * 4 + at);

      const attempt = openEmbeddedLog({ dir });

      await expect(attempt).rejects.toThrow(LogCorruptError);
      await expect(attempt).rejects.toThrow(`${file} is corrupt at byte ${frameBytes * 4}`);
    },
  );

  it('refuses a damaged tail in a segment that is not the last one', async () => {
    await writeLog({ segmentBytes: 1024 });
    const files = await segments();
    expect(files.length).toBeGreaterThan(2);
    await truncate(files[0]!, (await stat(files[0]!)).size - 5);

    const attempt = openEmbeddedLog({ dir });

    await expect(attempt).rejects.toThrow(LogCorruptError);
    await expect(attempt).rejects.toThrow(files[0]!);
  });

  it('raises LogCorruptError from a fetch when a record was damaged after the log was opened', async () => {
    await writeLog();
    const [file] = await segments();
    const frameBytes = (await stat(file!)).size / COUNT;
    const log = await openEmbeddedLog({ dir });
    const consumer = await log.consumer({ topic: TOPIC, groupId: 'g' });
    await flipByte(file!, frameBytes * 2 + 50);

    const fetch = consumer.fetch(all);

    await expect(fetch).rejects.toThrow(LogCorruptError);
    await expect(fetch).rejects.toThrow(`${file} is corrupt at byte ${frameBytes * 2}`);
    await log.close();
  });
});
