import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { drainToTables } from '../../src/local/drain-to-tables.js';
import { applyFaults } from '../../src/local/faults/apply-faults.js';
import { NO_FAULT_SPEC } from '../../src/local/faults/fault-spec.js';
import { decodeMskRecord } from '../../src/msk/msk-event.js';
import { ensureRawTable } from '../../src/pipeline/raw-table.js';
import { catalogFor } from '../../src/runtime/assemble.js';
import { openBus } from '../../src/runtime/bus.js';
import { localPaths } from '../../src/runtime/local.js';
import { loadSampleEvent } from '../helpers/local-warehouse.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Every file under `root`, by path relative to it, with its bytes. */
async function filesUnder(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(root, { recursive: true })) {
    const file = path.join(root, String(name));
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes !== undefined) out[String(name)] = bytes.toString('base64');
  }
  return out;
}

/** The sample events' records produced to a fresh embedded log, drained with `threads` transform workers. */
async function drainSamples(threads: number) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'realty-drain-threads-'));
  dirs.push(dataDir);
  const config = loadConfig({
    REALTY_DATA_DIR: dataDir,
    REALTY_TRIGGER_CONCURRENCY: '2',
    REALTY_LOG_LEVEL: 'silent',
  });
  await ensureRawTable(catalogFor(config), config.database);
  const bus = await openBus(config);
  try {
    const producer = bus.producer();
    await producer.ensureTopic({ topic: config.topic, partitions: 2, replicationFactor: 1 });
    for (const sample of ['msk-listings.json', 'msk-with-bad-records.json']) {
      const records = Object.values(loadSampleEvent(sample).records).flat().map(decodeMskRecord);
      await producer.produce(
        config.topic,
        records.map((r) => ({
          key: r.keyText,
          value: r.value ?? new Uint8Array(),
          headers: r.headerText,
          timestamp: r.timestamp,
        })),
      );
    }
    await producer.close();
    const session = applyFaults(NO_FAULT_SPEC, { seed: config.seed });
    const tally = await drainToTables(config, bus, {
      session,
      transformThreads: threads,
      batchWindowSeconds: 0,
    });
    return { tally, bucket: localPaths(config).bucket };
  } finally {
    await bus.close();
  }
}

describe('the local trigger with its handler on a worker thread', () => {
  it('writes the same objects and dead letters, byte for byte, as with the handler in its own thread', async () => {
    // Act
    const inThread = await drainSamples(0);
    const onWorker = await drainSamples(1);

    // Assess
    expect(onWorker.tally.written.size).toBe(14);
    expect(onWorker.tally.rejected.size).toBe(3);
    expect([...onWorker.tally.written].sort()).toEqual([...inThread.tally.written].sort());
    expect([...onWorker.tally.rejected].sort()).toEqual([...inThread.tally.rejected].sort());
    const files = await filesUnder(onWorker.bucket);
    expect(Object.keys(files).some((name) => name.startsWith('raw/'))).toBe(true);
    expect(files).toEqual(await filesUnder(inThread.bucket));
  });
});
