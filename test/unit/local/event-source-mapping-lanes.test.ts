import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedLog, openEmbeddedLog } from '../../../src/adapters/event-bus/embedded-log.js';
import { runEventSourceMapping } from '../../../src/local/event-source-mapping.js';
import { packRecords, transferablesOf, unpackRecords } from '../../../src/local/packed-records.js';
import { parseEsmSettings } from '../../../src/msk/esm-settings.js';
import { buildMskEvent, decodeMskRecord, parseMskEvent } from '../../../src/msk/msk-event.js';
import type { MskEvent } from '../../../src/msk/msk-event-types.js';
import type { KafkaOnFailureRecord } from '../../../src/msk/on-failure-record.js';
import type { ConsumedRecord } from '../../../src/ports/event-bus.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';

const TOPIC = 'realty.listings.v1';
const GROUP = 'realty-transform';
const SOURCE = {
  eventSourceArn: 'arn:aws:kafka:local:000000000000:cluster/realty/local',
  bootstrapServers: 'embedded',
};
const encoder = new TextEncoder();

describe('runEventSourceMapping with partitions delivered concurrently', () => {
  let dir: string;
  let log: EmbeddedLog;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-esm-lanes-'));
    log = await openEmbeddedLog({ dir });
    const producer = log.producer();
    await producer.ensureTopic({ topic: TOPIC, partitions: 4, replicationFactor: 1 });
    await producer.produce(
      TOPIC,
      Array.from({ length: 600 }, (_, i) => ({
        key: `P${i}`,
        value: encoder.encode(JSON.stringify({ property_id: `P${i}`, poison: i === 137 })),
        headers: { source: 'sandbox' },
      })),
    );
  });

  afterEach(async () => {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs batches of different partitions at once, never two of one partition, each event byte-exact', async () => {
    // Prepare
    const store = new InMemoryObjectStore();
    const inFlight = new Map<string, number>();
    let mostAtOnce = 0;
    const seen = new Map<string, number>();
    const consumer = await log.consumer({ topic: TOPIC, groupId: GROUP });
    const fetchedRecords: ConsumedRecord[] = [];
    const fetch = consumer.fetch.bind(consumer);
    consumer.fetch = async (limits) => {
      const records = await fetch(limits);
      fetchedRecords.push(...records);
      return records;
    };

    // Act
    const stats = await runEventSourceMapping({
      consumer,
      settings: parseEsmSettings({
        BatchSize: 40,
        MaximumRetryAttempts: 1,
        BisectBatchOnFunctionError: true,
      }),
      source: SOURCE,
      mode: 'drain',
      onFailure: store,
      retryBackoffMs: 1,
      concurrency: 4,
      invoke: async (event: MskEvent) => {
        const keys = Object.keys(event.records);
        expect(keys).toHaveLength(1);
        const key = keys[0]!;
        expect(inFlight.get(key) ?? 0).toBe(0);
        inFlight.set(key, 1);
        mostAtOnce = Math.max(
          mostAtOnce,
          [...inFlight.values()].reduce((a, b) => a + b, 0),
        );
        const records = event.records[key]!;
        const byOffset = new Map(fetchedRecords.map((r) => [`${r.partition}-${r.offset}`, r]));
        const originals = records.map((r) => byOffset.get(`${r.partition}-${r.offset}`)!);
        expect(JSON.stringify(event)).toBe(JSON.stringify(buildMskEvent(originals, SOURCE)));
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight.set(key, 0);
        const decoded = records.map((r) => decodeMskRecord(r));
        if (decoded.some((r) => r.valueText?.includes('"poison":true'))) throw new Error('poison listing');
        for (const r of decoded) seen.set(r.keyText ?? '', (seen.get(r.keyText ?? '') ?? 0) + 1);
      },
    });

    // Assess
    expect(mostAtOnce).toBeGreaterThan(1);
    expect(seen.size).toBe(599);
    const failed = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(failed).toHaveLength(1);
    const [poison] = Object.values(parseMskEvent(JSON.parse(failed[0]!.payload)).records).flat();
    expect(decodeMskRecord(poison!).keyText).toBe('P137');
    expect(stats).toMatchObject({ recordsSucceeded: 599, recordsToOnFailure: 1 });
    const reader = await log.consumer({ topic: TOPIC, groupId: GROUP });
    expect(await reader.committed()).toEqual(await reader.endOffsets());
  });

  it('hands a worker-style function the records, which it builds the same event from, under the same rules', async () => {
    // Prepare
    const store = new InMemoryObjectStore();
    const consumer = await log.consumer({ topic: TOPIC, groupId: GROUP });
    const events: string[] = [];
    const seen = new Set<string>();

    // Act
    const stats = await runEventSourceMapping({
      consumer,
      settings: parseEsmSettings({
        BatchSize: 40,
        MaximumRetryAttempts: 1,
        BisectBatchOnFunctionError: true,
      }),
      source: SOURCE,
      mode: 'drain',
      onFailure: store,
      retryBackoffMs: 1,
      concurrency: 2,
      invoke: async () => {
        throw new Error('invoke must not be called when invokeRecords is given');
      },
      invokeRecords: async (records) => {
        // What the worker pool does: the records cross as transferred bytes, the event is built on the far side.
        const packed = packRecords(records);
        const event = buildMskEvent(
          unpackRecords(structuredClone(packed, { transfer: transferablesOf(packed) })),
          SOURCE,
        );
        events.push(JSON.stringify(event));
        expect(JSON.stringify(event)).toBe(JSON.stringify(buildMskEvent(records, SOURCE)));
        const decoded = Object.values(event.records).flat().map(decodeMskRecord);
        if (decoded.some((r) => r.valueText?.includes('"poison":true'))) throw new Error('poison listing');
        for (const r of decoded) seen.add(r.keyText ?? '');
      },
    });

    // Assess
    expect(seen.size).toBe(599);
    expect(stats).toMatchObject({ recordsSucceeded: 599, recordsToOnFailure: 1 });
    const [failed] = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    const [poison] = Object.values(parseMskEvent(JSON.parse(failed!.payload)).records).flat();
    expect(decodeMskRecord(poison!).keyText).toBe('P137');
    const reader = await log.consumer({ topic: TOPIC, groupId: GROUP });
    expect(await reader.committed()).toEqual(await reader.endOffsets());
  });
});
