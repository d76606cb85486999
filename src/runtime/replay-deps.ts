import { existsSync } from 'node:fs';
import path from 'node:path';
import { openEmbeddedLog } from '../adapters/event-bus/embedded-log.js';
import type { RealtyConfig } from '../config.js';
import { ReplayError } from '../errors.js';
import type { OffsetRange, ReplayDeps } from '../pipeline/replay.js';
import { transformBatch } from '../pipeline/transform-batch.js';
import type { ConsumedRecord, EventConsumer } from '../ports/event-bus.js';
import { openBus } from './bus.js';
import { transformPortsFor } from './handler-deps.js';
import { localPaths } from './local.js';
import { reconcileWithConfig } from './reconcile-deps.js';

// A group of its own: replay never moves the transform group's committed offsets.
const REPLAY_GROUP = 'realty-replay';
const FETCH = { maxRecords: 1000, maxBytes: 8 << 20, maxWaitMs: 500 };

/** The replay use-case's ports from the configuration: the bus read-only, the transform as the trigger runs it. */
export function replayDeps(config: RealtyConfig): ReplayDeps {
  const deps = transformPortsFor(config);
  return {
    reconcile: (selection) => reconcileWithConfig(config, selection),
    readRecords: (ranges) => readRecords(config, ranges),
    transform: (event) => transformBatch(event, deps),
    source: {
      eventSourceArn: `arn:aws:kafka:${config.region}:000000000000:cluster/replay/${config.topic}`,
      bootstrapServers: 'replay',
    },
    batchSize: config.batchSize,
  };
}

async function readRecords(config: RealtyConfig, ranges: readonly OffsetRange[]): Promise<ConsumedRecord[]> {
  const topics = new Set(ranges.map((range) => range.topic));
  if (topics.size > 1 || !topics.has(config.topic)) {
    throw new ReplayError(
      `replay reads topic ${config.topic} only; the offsets name ${[...topics].join(', ')}`,
    );
  }
  if (config.bus === 'embedded') {
    const dir = localPaths(config).log;
    if (!existsSync(path.join(dir, 'topics', config.topic))) {
      throw new ReplayError(
        `the event log at ${dir} holds no topic ${config.topic}: there is nothing to replay from`,
      );
    }
    const log = await openEmbeddedLog({ dir, readOnly: true });
    try {
      return await readRanges(await log.consumer({ topic: config.topic, groupId: REPLAY_GROUP }), ranges);
    } finally {
      await log.close();
    }
  }
  const bus = await openBus(config);
  try {
    return await readRanges(await bus.consumer({ topic: config.topic, groupId: REPLAY_GROUP }), ranges);
  } finally {
    await bus.close();
  }
}

/** Reads each wanted partition from its first wanted offset to its last; stops early where the log ends. */
async function readRanges(
  consumer: EventConsumer,
  ranges: readonly OffsetRange[],
): Promise<ConsumedRecord[]> {
  try {
    const lastWanted = new Map<number, number>();
    for (const r of ranges) lastWanted.set(r.partition, Math.max(lastWanted.get(r.partition) ?? -1, r.last));
    for (const end of await consumer.endOffsets()) {
      const first = Math.min(...ranges.filter((r) => r.partition === end.partition).map((r) => r.first));
      await consumer.seek({ ...end, offset: Number.isFinite(first) ? first : end.offset });
    }
    const records: ConsumedRecord[] = [];
    const done = (record: ConsumedRecord) => record.offset >= (lastWanted.get(record.partition) ?? -1);
    const finished = new Set<number>();
    while (finished.size < lastWanted.size) {
      const fetched = await consumer.fetch(FETCH);
      if (fetched.length === 0) break;
      for (const record of fetched) {
        records.push(record);
        if (done(record)) finished.add(record.partition);
      }
    }
    return records;
  } finally {
    await consumer.close();
  }
}
