import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedLog, openEmbeddedLog } from '../../../../src/adapters/event-bus/embedded-log.js';
import { createConsumerKiller } from '../../../../src/local/faults/consumer-kills.js';
import { createRng } from '../../../../src/local/sandbox/seeded-random.js';
import { parseEsmSettings } from '../../../../src/msk/esm-settings.js';
import { InMemoryObjectStore } from '../../../helpers/in-memory-object-store.js';

const TOPIC = 'realty.listings.v1';
const GROUP = 'realty-transform';
const RECORDS = 300;
const SOURCE = { bootstrapServers: 'embedded-log' };

describe('consumer kills', () => {
  let dir: string;
  let log: EmbeddedLog;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-kills-'));
    log = await openEmbeddedLog({ dir });
    const producer = log.producer();
    await producer.ensureTopic({ topic: TOPIC, partitions: 3, replicationFactor: 1 });
    await producer.produce(
      TOPIC,
      Array.from({ length: RECORDS }, (_, i) => ({
        key: `P${i}`,
        value: new TextEncoder().encode(`{"n":${i}}`),
        headers: {},
      })),
    );
  });
  afterEach(async () => {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each([1, 7, 42])(
    'kills the mapping mid-batch N times and restarts it from committed offsets, processing every record (seed %i)',
    async (seed) => {
      const rng = createRng(seed);
      const killer = createConsumerKiller({ kills: 3, random: () => rng.next() });
      const store = killer.guardStore(new InMemoryObjectStore());
      const delivered = new Map<string, number>();
      const opened: string[] = [];

      const result = await killer.run({
        openConsumer: async () => {
          opened.push('consumer');
          return log.consumer({ topic: TOPIC, groupId: GROUP });
        },
        source: SOURCE,
        settings: parseEsmSettings({ BatchSize: 100, FunctionResponseTypes: ['ReportBatchItemFailures'] }),
        retryBackoffMs: 1,
        invoke: async (event) => {
          for (const record of Object.values(event.records).flat()) {
            const id = `${record.partition}-${record.offset}`;
            delivered.set(id, (delivered.get(id) ?? 0) + 1);
            await store.put(`out/${id}`, new Uint8Array([1]));
          }
          return { batchItemFailures: [] };
        },
      });

      expect(result.kills).toBe(3);
      expect(opened).toHaveLength(4);
      expect(delivered.size).toBe(RECORDS);
      expect([...delivered.values()].some((n) => n > 1)).toBe(true);
      const check = await log.consumer({ topic: TOPIC, groupId: GROUP });
      expect(await check.committed()).toEqual(await check.endOffsets());
    },
  );

  it('fails every write and commit after the kill, and the next life starts where the group committed', async () => {
    const killer = createConsumerKiller({ kills: 1, random: () => 0, maxWritesBeforeKill: 1 });
    const inner = new InMemoryObjectStore();
    const store = killer.guardStore(inner);
    const writes: { life: number; key: string; ok: boolean }[] = [];
    let life = 0;

    await killer.run({
      openConsumer: async () => {
        life += 1;
        return log.consumer({ topic: TOPIC, groupId: GROUP });
      },
      source: SOURCE,
      settings: parseEsmSettings({ BatchSize: 10 }),
      invoke: async (event) => {
        for (const record of Object.values(event.records).flat()) {
          const key = `out/${record.partition}-${record.offset}`;
          const ok = await store.put(key, new Uint8Array([1])).then(
            () => true,
            () => false,
          );
          writes.push({ life, key, ok });
        }
      },
    });

    const first = writes.filter((w) => w.life === 1);
    // random() = 0 < 0.5: the fatal write lands, then the process is gone.
    expect(first.length).toBeGreaterThan(1);
    expect(first.every((w) => !w.ok)).toBe(true);
    expect(inner.objects.has(first[0]!.key)).toBe(true);
    expect(writes.find((w) => w.life === 2)?.key).toBe(first[0]!.key);
    expect(killer.kills()).toBe(1);
  });

  it('follows the log until stopped, restarting after each kill meanwhile', async () => {
    const rng = createRng(3);
    const killer = createConsumerKiller({ kills: 2, random: () => rng.next(), maxWritesBeforeKill: 50 });
    const store = killer.guardStore(new InMemoryObjectStore());
    const stop = new AbortController();
    const delivered = new Set<string>();

    const result = await killer.run({
      mode: 'follow',
      signal: stop.signal,
      idlePollMs: 20,
      retryBackoffMs: 1,
      openConsumer: () => log.consumer({ topic: TOPIC, groupId: GROUP }),
      source: SOURCE,
      settings: parseEsmSettings({ BatchSize: 100 }),
      invoke: async (event) => {
        for (const record of Object.values(event.records).flat()) {
          await store.put(`out/${record.partition}-${record.offset}`, new Uint8Array([1]));
          delivered.add(`${record.partition}-${record.offset}`);
        }
        if (delivered.size === RECORDS) stop.abort();
      },
    });

    expect(result.kills).toBe(2);
    expect(delivered.size).toBe(RECORDS);
  });

  it('runs to the end without a kill when none is asked for', async () => {
    const killer = createConsumerKiller({ kills: 0, random: Math.random });
    let invocations = 0;

    const result = await killer.run({
      openConsumer: () => log.consumer({ topic: TOPIC, groupId: GROUP }),
      source: SOURCE,
      settings: parseEsmSettings({ BatchSize: 100 }),
      invoke: async () => {
        invocations += 1;
      },
    });

    expect(result.kills).toBe(0);
    expect(result.stats.recordsSucceeded).toBe(RECORDS);
    expect(invocations).toBe(3);
  });
});
