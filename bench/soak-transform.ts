/** The soak's transform: the local MSK trigger following the log through the killer and the faulty store. */
import { encoderByName } from '../src/adapters/parquet/encoder-by-name.js';
import type { RealtyConfig } from '../src/config.js';
import type { ConsumerKiller } from '../src/local/faults/consumer-kills.js';
import type { FaultyStore } from '../src/local/faults/store-faults.js';
import { parseEsmSettings } from '../src/msk/esm-settings.js';
import { parseMskEvent } from '../src/msk/msk-event.js';
import { recordLabel, transformBatch } from '../src/pipeline/transform-batch.js';
import { systemClock } from '../src/ports/clock.js';
import { catalogFor, storeFor } from '../src/runtime/assemble.js';
import type { Bus } from '../src/runtime/bus.js';

export interface Follow {
  killer: ConsumerKiller;
  store: FaultyStore;
  stop: AbortController;
  fetchedAt: Map<string, number>;
  latenciesMs: number[];
}

export async function follow(config: RealtyConfig, bus: Bus, parts: Follow): Promise<void> {
  const deps = {
    store: parts.store,
    catalog: catalogFor(config),
    encoder: encoderByName(config.parquetEncoder),
    clock: systemClock,
    database: config.database,
  };
  await parts.killer.run({
    mode: 'follow',
    signal: parts.stop.signal,
    openConsumer: () => bus.consumer({ topic: config.topic, groupId: config.consumerGroup }),
    source: bus.source,
    settings: parseEsmSettings({
      BatchSize: config.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: `arn:aws:s3:::${config.bucket}` } },
      MaximumBatchingWindowInSeconds: 1,
    }),
    onFailure: parts.killer.guardStore(storeFor(config)),
    retryBackoffMs: 20,
    idlePollMs: 200,
    invoke: async (event) => {
      const outcome = await transformBatch(parseMskEvent(event), deps);
      const failed = new Set(
        outcome.batchItemFailures.map(({ itemIdentifier: f }) => `${f.partition}-${f.offset}`),
      );
      const now = performance.now();
      for (const record of Object.values(event.records).flat()) {
        const id = recordLabel(record);
        const fetched = parts.fetchedAt.get(id);
        if (failed.has(id) || fetched === undefined) continue;
        parts.latenciesMs.push(now - fetched);
        parts.fetchedAt.delete(id);
      }
      return outcome;
    },
  });
}

/** Polls until the group has committed up to the end of every partition, or the deadline passes. */
export async function caughtUp(bus: Bus, config: RealtyConfig, deadlineMs: number): Promise<void> {
  const deadline = performance.now() + deadlineMs;
  const consumer = await bus.consumer({ topic: config.topic, groupId: `${config.consumerGroup}-watch` });
  try {
    while (performance.now() < deadline) {
      const [ends, committed] = await Promise.all([consumer.endOffsets(), readCommitted(bus, config)]);
      if (ends.every((e) => (committed.get(e.partition) ?? 0) >= e.offset)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await consumer.close();
  }
}

async function readCommitted(bus: Bus, config: RealtyConfig): Promise<Map<number, number>> {
  const consumer = await bus.consumer({ topic: config.topic, groupId: config.consumerGroup });
  try {
    return new Map((await consumer.committed()).map((c) => [c.partition, c.offset]));
  } finally {
    await consumer.close();
  }
}
