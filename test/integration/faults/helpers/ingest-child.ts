// Child process of the log-writer kill test: ingests from a sandbox into the data dir's embedded log, printing
// "acked <partition> <offset>" for every record the log acknowledged. Killed with SIGKILL mid-append.
// Usage: node --import tsx test/integration/faults/helpers/ingest-child.ts <data dir>
import { createRealtorApiSource } from '../../../../src/adapters/listing-source/realtor-api.js';
import { loadConfig } from '../../../../src/config.js';
import { searchAreaLabel } from '../../../../src/domain/search-area.js';
import { startSandbox } from '../../../../src/local/sandbox/sandbox.js';
import { ingestListings } from '../../../../src/pipeline/ingest-listings.js';
import { systemClock } from '../../../../src/ports/clock.js';
import type { EventProducer } from '../../../../src/ports/event-bus.js';
import { storeFor } from '../../../../src/runtime/assemble.js';
import { localTopicSpec, openBus } from '../../../../src/runtime/bus.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: ingest-child.ts <data dir>');

const config = loadConfig({}, { dataDir, logLevel: 'silent', listings: '400' });
const bus = await openBus(config);
const inner = bus.producer();
const producer: EventProducer = {
  ensureTopic: (spec) => inner.ensureTopic(spec),
  close: () => inner.close(),
  async produce(topic, records) {
    const placed = await inner.produce(topic, records);
    process.stdout.write(placed.map((p) => `acked ${p.partition} ${p.offset}\n`).join(''));
    return placed;
  },
};
await producer.ensureTopic(localTopicSpec(config));
const sandbox = await startSandbox({ listings: config.listings, seed: 5, rateLimitPerSecond: 0 });
process.stdout.write('ready\n');
const source = createRealtorApiSource({
  baseUrl: sandbox.url,
  apiKey: sandbox.apiKey,
  host: sandbox.host,
  pageSize: 10,
});
await ingestListings(
  { runId: `killed-${process.pid}-d0`, areas: sandbox.areas, areaLabel: searchAreaLabel },
  { source, producer, store: storeFor(config), topic: config.topic, clock: systemClock },
);
await sandbox.close();
await bus.close();
process.stdout.write('done\n');
