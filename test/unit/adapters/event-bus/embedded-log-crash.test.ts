import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEmbeddedLog } from '../../../../src/adapters/event-bus/embedded-log.js';
import { BusError } from '../../../../src/errors.js';
import type { ConsumedRecord, EventConsumer } from '../../../../src/ports/event-bus.js';
import { type AppenderProcess, startAppender } from '../../../helpers/appender-process.js';
import {
  APPENDER_PARTITIONS,
  APPENDER_TOPIC,
  appenderRecord,
} from '../../../helpers/embedded-log-appender-records.js';

let dir: string;
let child: AppenderProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'realty-log-crash-'));
});
afterEach(async () => {
  await child?.kill();
  child = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function readEverything(consumer: EventConsumer): Promise<ConsumedRecord[]> {
  const records: ConsumedRecord[] = [];
  for (;;) {
    const batch = await consumer.fetch({ maxRecords: 5_000, maxBytes: 32 * 1024 * 1024, maxWaitMs: 0 });
    if (batch.length === 0) return records;
    records.push(...batch);
  }
}

function expectIntact(record: ConsumedRecord | undefined, seq: number): void {
  const sent = appenderRecord(seq);
  expect(record, `record ${seq}`).toBeDefined();
  expect(new TextDecoder().decode(record!.key!)).toBe(sent.key);
  expect(record!.value).toEqual(sent.value);
  expect(record!.timestamp).toBe(sent.timestamp);
  expect(record!.headers).toEqual([['seq', new TextEncoder().encode(String(seq))]]);
}

describe('embedded log with a writer process killed mid-append', () => {
  it.each([1, 2])(
    'keeps every acknowledged record intact after SIGKILL at a random point, and appends continue (run %i)',
    async () => {
      child = await startAppender(dir);
      const killAfterAcks = 5 + Math.floor(Math.random() * 60);
      await child.until(() => child!.acks.length >= killAfterAcks);

      await child.kill();
      const acked = child.acks.flat();
      const log = await openEmbeddedLog({ dir });
      const consumer = await log.consumer({ topic: APPENDER_TOPIC, groupId: 'verify' });
      const ends = await consumer.endOffsets();
      const records = await readEverything(consumer);
      const more = await log.producer().produce(APPENDER_TOPIC, [appenderRecord(1_000_000)]);
      const [appended] = await consumer.fetch({ maxRecords: 10, maxBytes: 1 << 20, maxWaitMs: 1000 });
      await log.close();

      expect(acked.length, `killed after ${killAfterAcks} acks`).toBeGreaterThan(0);
      const at = new Map(records.map((r) => [`${r.partition}/${r.offset}`, r]));
      for (const [seq, partition, offset] of acked) expectIntact(at.get(`${partition}/${offset}`), seq);
      for (let p = 0; p < APPENDER_PARTITIONS; p++) {
        const offsets = records.filter((r) => r.partition === p).map((r) => r.offset);
        expect(offsets).toEqual(offsets.map((_, i) => i));
        expect(ends[p]!.offset).toBe(offsets.length);
      }
      expect(more[0]!.offset).toBe(ends[more[0]!.partition]!.offset);
      expectIntact(appended, 1_000_000);
    },
  );

  it('refuses a second writer while the appender runs, yet lets a read-only opener read what it acknowledged', async () => {
    child = await startAppender(dir);
    await child.until(() => child!.acks.length >= 3);

    const writerError = await openEmbeddedLog({ dir }).catch((error: unknown) => error);
    const reader = await openEmbeddedLog({ dir, readOnly: true });
    const consumer = await reader.consumer({ topic: APPENDER_TOPIC, groupId: 'reader' });
    const acked = child.acks.flat();
    const records = await readEverything(consumer);
    await reader.close();

    expect(writerError).toBeInstanceOf(BusError);
    expect((writerError as BusError).message).toContain(`process ${child.pid}`);
    const at = new Map(records.map((r) => [`${r.partition}/${r.offset}`, r]));
    for (const [seq, partition, offset] of acked) expectIntact(at.get(`${partition}/${offset}`), seq);
  });
});
