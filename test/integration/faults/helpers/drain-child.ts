// Child process of the consumer-kill tests: the pipeline's drain (local MSK trigger + transform) over a data dir,
// printing "put <key>" after each object it wrote, then "done". Killed with SIGKILL at random points.
// Usage: node --import tsx test/integration/faults/helpers/drain-child.ts <data dir> <slow ms per write>
import { setTimeout as delay } from 'node:timers/promises';
import { encoderByName } from '../../../../src/adapters/parquet/encoder-by-name.js';
import { loadConfig } from '../../../../src/config.js';
import { esmSettingsOf } from '../../../../src/local/drain-to-tables.js';
import { runEventSourceMapping } from '../../../../src/local/event-source-mapping.js';
import { parseMskEvent } from '../../../../src/msk/msk-event.js';
import { transformBatch } from '../../../../src/pipeline/transform-batch.js';
import { systemClock } from '../../../../src/ports/clock.js';
import type { ObjectStore } from '../../../../src/ports/object-store.js';
import { catalogFor, storeFor } from '../../../../src/runtime/assemble.js';
import { openBus } from '../../../../src/runtime/bus.js';

const [dataDir, slowMs] = [process.argv[2], Number(process.argv[3] ?? 0)];
if (dataDir === undefined) throw new Error('usage: drain-child.ts <data dir> <slow ms per write>');

function announcing(store: ObjectStore): ObjectStore {
  return {
    ...store,
    put: async (key, body, options) => {
      // Slow writes widen the window in which the parent's SIGKILL lands mid-batch.
      await delay(slowMs);
      await store.put(key, body, options);
      process.stdout.write(`put ${key}\n`);
    },
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    delete: (keys) => store.delete(keys),
    uri: (key) => store.uri(key),
  };
}

// Batches of 2, as the fault world runs them: a kill must land between many small batches.
const config = loadConfig({}, { dataDir, batchSize: '2', logLevel: 'silent' });
const bus = await openBus(config);
const store = announcing(storeFor(config));
const deps = {
  store,
  catalog: catalogFor(config),
  encoder: encoderByName(config.parquetEncoder),
  clock: systemClock,
  database: config.database,
};
const consumer = await bus.consumer({ topic: config.topic, groupId: config.consumerGroup });
process.stdout.write('ready\n');
await runEventSourceMapping({
  consumer,
  source: bus.source,
  mode: 'drain',
  settings: esmSettingsOf(config, 0),
  onFailure: store,
  retryBackoffMs: 5,
  idlePollMs: 100,
  invoke: (event) => transformBatch(parseMskEvent(event), deps),
});
await consumer.close();
await bus.close();
process.stdout.write('done\n');
