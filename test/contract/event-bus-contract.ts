import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partitionFor } from '../../src/msk/partitioner.js';
import type {
  ConsumedRecord,
  EventConsumer,
  EventProducer,
  OutgoingRecord,
  TopicPartitionOffset,
} from '../../src/ports/event-bus.js';
import { byPartition, DRAIN_LIMITS, drain, listing, text } from '../helpers/event-bus-drain.js';

/** What an EventBus adapter hands the contract: a fresh topic per test, created or creatable with ensureTopic. */
export interface EventBusUnderTest {
  producer: EventProducer;
  consumer: (groupId: string) => Promise<EventConsumer>;
  topic: string;
  partitions: number;
  cleanup: () => Promise<void>;
}

const utf8 = new TextEncoder();

/** The behaviour every EventBus adapter (embedded log, Kafka broker) must show, as Kafka defines it. */
export function describeEventBusContract(name: string, factory: () => Promise<EventBusUnderTest>): void {
  describe(`EventBus contract: ${name}`, () => {
    let bus: EventBusUnderTest;
    const group = () => `contract-${randomUUID()}`;

    beforeEach(async () => {
      bus = await factory();
      await bus.producer.ensureTopic({ topic: bus.topic, partitions: bus.partitions, replicationFactor: 1 });
    });
    afterEach(async () => {
      await bus.cleanup();
    });

    it('accepts ensureTopic again for a topic that exists', async () => {
      const spec = { topic: bus.topic, partitions: bus.partitions, replicationFactor: 1 };

      const again = bus.producer.ensureTopic(spec);

      await expect(again).resolves.toBeUndefined();
    });

    it('keeps the partition count of an existing topic when the count asked for is only a default', async () => {
      const spec = { topic: bus.topic, partitions: bus.partitions + 1, replicationFactor: 1 };

      await bus.producer.ensureTopic({ ...spec, keepExistingPartitions: true });
      const refused: unknown = await bus.producer
        .ensureTopic({ ...spec, partitionsSetting: 'REALTY_TOPIC_PARTITIONS (--partitions)' })
        .catch((error: unknown) => error);

      const consumer = await bus.consumer(`keep-count-${Date.now()}`);
      expect(await consumer.endOffsets()).toHaveLength(bus.partitions);
      await consumer.close();
      expect(String(refused)).toMatch(
        new RegExp(
          `exists with ${bus.partitions} partitions, not ${bus.partitions + 1}.*REALTY_TOPIC_PARTITIONS \\(--partitions\\)`,
        ),
      );
    });

    it('places each keyed record in the partition partitionFor(key, partitions) names, when produced and consumed', async () => {
      const keys = Array.from({ length: 40 }, (_, i) => `M${7000 + i * 37}-${i % 7}`);

      const landed = await bus.producer.produce(
        bus.topic,
        keys.map((key) => listing(key, `{"id":"${key}"}`)),
      );
      const consumed = await drain(await bus.consumer(group()), keys.length);

      expect(landed.map((l) => l.partition)).toEqual(keys.map((key) => partitionFor(key, bus.partitions)));
      expect(landed.every((l) => l.topic === bus.topic)).toBe(true);
      expect(consumed).toHaveLength(keys.length);
      for (const record of consumed) expect(record.partition).toBe(partitionFor(record.key!, bus.partitions));
    });

    it('numbers records from 0 in each partition with no gaps, in the order they were produced', async () => {
      const first = Array.from({ length: 25 }, (_, i) => listing(`key-${i % 9}`, `first ${i}`));
      const second = Array.from({ length: 25 }, (_, i) => listing(`key-${i % 9}`, `second ${i}`));

      const landed = [
        ...(await bus.producer.produce(bus.topic, first)),
        ...(await bus.producer.produce(bus.topic, second)),
      ];
      const consumed = await drain(await bus.consumer(group()), 50);

      for (const items of [landed, consumed]) {
        for (const [, inPartition] of byPartition(items)) {
          expect(inPartition.map((r) => r.offset)).toEqual(inPartition.map((_, i) => i));
        }
      }
      const valuesIn = (p: number) =>
        [...first, ...second].filter((r) => partitionFor(r.key!, bus.partitions) === p);
      for (const [partition, records] of byPartition(consumed)) {
        expect(records.map((r) => text(r.value))).toEqual(valuesIn(partition).map((r) => text(r.value)));
      }
    });

    it('returns key, value, headers and create time byte for byte: binary, empty, unicode and a null key', async () => {
      const binary = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
      const records: OutgoingRecord[] = [
        {
          key: 'M1-binary',
          value: binary,
          headers: { 'x-source': 'realtor/v3' },
          timestamp: 1_700_000_000_001,
        },
        { key: 'M2-empty', value: new Uint8Array(0), headers: {}, timestamp: 1_700_000_000_002 },
        {
          key: 'Mé-ü-🏠',
          value: utf8.encode('{"city":"Bogotá"}'),
          headers: { 'x-ünï': 'çödé 🏠' },
          timestamp: 1,
        },
        {
          key: null,
          value: utf8.encode('{"keyless":true}'),
          headers: { a: '1', b: '' },
          timestamp: 1_800_000_000_000,
        },
      ];

      await bus.producer.produce(bus.topic, records);
      // A consumer group is at-least-once: after a rebalance (a heartbeat late on a busy machine) a new member
      // is handed the uncommitted records again, at the same offsets. What must never happen is a second copy
      // of a record at another offset, which this still catches.
      const consumed = distinctOffsets(await drain(await bus.consumer(group()), records.length));

      expect(consumed).toHaveLength(records.length);
      for (const sent of records) {
        const got = consumed.find((r) => r.timestamp === sent.timestamp)!;
        expect(got.key === null ? null : text(got.key)).toBe(sent.key);
        expect(got.value).toEqual(sent.value);
        expect(got.headers).toEqual(Object.entries(sent.headers).map(([k, val]) => [k, utf8.encode(val)]));
        expect(got.timestampType).toBe('CREATE_TIME');
        expect(got.topic).toBe(bus.topic);
      }
    });

    it("stamps a record produced without a timestamp with the producer's current time", async () => {
      const before = Date.now();

      await bus.producer.produce(bus.topic, [listing('M-now', '{}')]);
      const after = Date.now();
      const [record] = await drain(await bus.consumer(group()), 1);

      expect(record!.timestamp).toBeGreaterThanOrEqual(before);
      expect(record!.timestamp).toBeLessThanOrEqual(after);
    });

    it('reports 0 committed for every partition of a group that never committed', async () => {
      const consumer = await bus.consumer(group());

      const committed = await consumer.committed();

      expect(committed).toEqual(
        Array.from({ length: bus.partitions }, (_, partition) => ({
          topic: bus.topic,
          partition,
          offset: 0,
        })),
      );
    });

    it('starts a new member of a group at the offsets the group committed, across consumer re-creation', async () => {
      const groupId = group();
      await bus.producer.produce(
        bus.topic,
        Array.from({ length: 30 }, (_, i) => listing(`k${i}`, `v${i}`)),
      );
      const first = await bus.consumer(groupId);
      const seen = await drain(first, 30);
      const commits: TopicPartitionOffset[] = [...byPartition(seen)].map(([partition, records]) => ({
        topic: bus.topic,
        partition,
        offset: Math.floor(records.length / 2),
      }));

      const expected = seen.filter(
        (r) => r.offset >= commits.find((c) => c.partition === r.partition)!.offset,
      );

      await first.commit(commits);
      await first.close();
      const second = await bus.consumer(groupId);
      const committed = await second.committed();
      const reread = await drain(second, expected.length);

      for (const c of commits) expect(committed[c.partition]).toEqual(c);
      const ids = (rs: ConsumedRecord[]) =>
        rs.map((r) => `${r.partition}/${r.offset}/${text(r.value)}`).sort();
      expect(ids(reread)).toEqual(ids(expected));
    });

    it('keeps the committed offsets of two groups apart', async () => {
      const [a, b] = [await bus.consumer(group()), await bus.consumer(group())];

      await a.commit([{ topic: bus.topic, partition: 0, offset: 7 }]);

      expect((await a.committed())[0]!.offset).toBe(7);
      expect((await b.committed())[0]!.offset).toBe(0);
    });

    it('reads records again after seek moves a partition back', async () => {
      const key = 'M-seek';
      const partition = partitionFor(key, bus.partitions);
      await bus.producer.produce(
        bus.topic,
        Array.from({ length: 6 }, (_, i) => listing(key, `v${i}`)),
      );
      const consumer = await bus.consumer(group());
      await drain(consumer, 6);

      await consumer.seek({ topic: bus.topic, partition, offset: 2 });
      const again = await drain(consumer, 4);

      expect(again.map((r) => [r.partition, r.offset, text(r.value)])).toEqual(
        [2, 3, 4, 5].map((offset) => [partition, offset, `v${offset}`]),
      );
    });

    it('reports the log-end offset of every partition', async () => {
      const records = Array.from({ length: 33 }, (_, i) => listing(`end-${i}`, `${i}`));
      const counts = Array<number>(bus.partitions).fill(0);
      for (const r of records) counts[partitionFor(r.key!, bus.partitions)]! += 1;

      await bus.producer.produce(bus.topic, records);
      const ends = await (await bus.consumer(group())).endOffsets();

      expect(ends).toEqual(counts.map((offset, partition) => ({ topic: bus.topic, partition, offset })));
    });

    it('returns at most maxRecords per fetch and all records over several fetches', async () => {
      await bus.producer.produce(
        bus.topic,
        Array.from({ length: 20 }, (_, i) => listing(`max-${i}`, `${i}`)),
      );
      const consumer = await bus.consumer(group());
      const limits = { ...DRAIN_LIMITS, maxRecords: 7 };
      const sizes: number[] = [];
      let total = 0;

      while (total < 20) {
        const batch = await consumer.fetch(limits);
        sizes.push(batch.length);
        total += batch.length;
        if (sizes.length > 50) break;
      }

      expect(total).toBe(20);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(7);
    });

    it('keeps a fetch within maxBytes, yet returns one record larger than maxBytes so the reader moves on', async () => {
      const key = 'M-bytes';
      const value = new Uint8Array(1000).fill(42);
      await bus.producer.produce(
        bus.topic,
        Array.from({ length: 6 }, () => ({ key, value, headers: {} })),
      );
      const consumer = await bus.consumer(group());

      const limited = await consumer.fetch({ maxRecords: 100, maxBytes: 2500, maxWaitMs: 2000 });
      const tiny = await consumer.fetch({ maxRecords: 100, maxBytes: 10, maxWaitMs: 2000 });

      expect(limited.length).toBeGreaterThanOrEqual(1);
      expect(limited.length).toBeLessThanOrEqual(2);
      expect(tiny).toHaveLength(1);
      expect(tiny[0]!.offset).toBe(limited.length);
    });

    it('returns an empty batch after about maxWaitMs when nothing new arrives', async () => {
      const consumer = await bus.consumer(group());
      const started = performance.now();

      const batch = await consumer.fetch({ maxRecords: 10, maxBytes: 1024 * 1024, maxWaitMs: 300 });
      const waitedMs = performance.now() - started;

      expect(batch).toEqual([]);
      expect(waitedMs).toBeGreaterThanOrEqual(250);
      expect(waitedMs).toBeLessThan(2300);
    });

    it('answers a waiting fetch soon after a record is produced', async () => {
      const consumer = await bus.consumer(group());
      const started = performance.now();

      const waiting = consumer.fetch({ maxRecords: 10, maxBytes: 1024 * 1024, maxWaitMs: 10_000 });
      await bus.producer.produce(bus.topic, [listing('M-late', 'late')]);
      const batch = await waiting;

      expect(batch.map((r) => text(r.value))).toEqual(['late']);
      expect(performance.now() - started).toBeLessThan(5_000);
    });
  });
}

/** The records with one copy per (partition, offset): a record redelivered at its own offset counts once. */
function distinctOffsets(records: readonly ConsumedRecord[]): ConsumedRecord[] {
  const seen = new Map<string, ConsumedRecord>();
  for (const record of records) seen.set(`${record.partition}:${record.offset}`, record);
  return [...seen.values()];
}
