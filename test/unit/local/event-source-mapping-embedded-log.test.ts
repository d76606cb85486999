import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedLog, openEmbeddedLog } from '../../../src/adapters/event-bus/embedded-log.js';
import { runEventSourceMapping } from '../../../src/local/event-source-mapping.js';
import { parseEsmSettings } from '../../../src/msk/esm-settings.js';
import { decodeMskRecord, parseMskEvent } from '../../../src/msk/msk-event.js';
import type { MskEvent } from '../../../src/msk/msk-event-types.js';
import type { KafkaOnFailureRecord } from '../../../src/msk/on-failure-record.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';

const TOPIC = 'realty.listings.v1';
const GROUP = 'realty-transform';
const encoder = new TextEncoder();

describe('runEventSourceMapping over the embedded on-disk log', () => {
  let dir: string;
  let log: EmbeddedLog;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-esm-'));
    log = await openEmbeddedLog({ dir });
  });

  afterEach(async () => {
    await log.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers every record, isolates the poison one on-failure and commits the group to the end', async () => {
    // Prepare
    const producer = log.producer();
    await producer.ensureTopic({ topic: TOPIC, partitions: 3, replicationFactor: 1 });
    await producer.produce(
      TOPIC,
      Array.from({ length: 240 }, (_, i) => ({
        key: `P${i}`,
        value: encoder.encode(JSON.stringify({ property_id: `P${i}`, poison: i === 137 })),
        headers: { source: 'sandbox' },
      })),
    );
    const store = new InMemoryObjectStore();
    const delivered = new Set<string>();
    const run = async (consumerSettings: unknown) =>
      runEventSourceMapping({
        consumer: await log.consumer({ topic: TOPIC, groupId: GROUP }),
        settings: parseEsmSettings(consumerSettings),
        source: {
          eventSourceArn: 'arn:aws:kafka:local:000000000000:cluster/realty/local',
          bootstrapServers: 'embedded',
        },
        mode: 'drain',
        onFailure: store,
        retryBackoffMs: 1,
        invoke: async (event: MskEvent) => {
          const records = Object.values(parseMskEvent(JSON.parse(JSON.stringify(event))).records).flat();
          const values = records.map((r) => decodeMskRecord(r));
          if (values.some((r) => r.valueText?.includes('"poison":true'))) throw new Error('poison listing');
          for (const r of values) delivered.add(`${r.keyText}:${r.headerText.source}`);
        },
      });

    // Act
    const stats = await run({ BatchSize: 50, MaximumRetryAttempts: 1, BisectBatchOnFunctionError: true });
    const again = await run({});

    // Assess
    expect(delivered.size).toBe(239);
    expect(delivered.has('P0:sandbox')).toBe(true);
    const failed = store.json<KafkaOnFailureRecord>('dead-letter/on-failure/');
    expect(failed).toHaveLength(1);
    const [poison] = Object.values(parseMskEvent(JSON.parse(failed[0]!.payload)).records).flat();
    expect(decodeMskRecord(poison!).keyText).toBe('P137');
    expect(stats).toMatchObject({ recordsSucceeded: 239, recordsToOnFailure: 1 });
    expect(stats.bisections).toBeGreaterThan(0);
    expect(again.invocations).toBe(0);
    const consumer = await log.consumer({ topic: TOPIC, groupId: GROUP });
    expect(await consumer.committed()).toEqual(await consumer.endOffsets());
  });
});
