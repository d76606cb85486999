// Writes the sample MSK events in events/ from the sandbox market: real v3-shaped listings, built into
// MSK events exactly as the Lambda trigger builds them. Run: npx tsx scripts/make-events.ts
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRealtorApiSource } from '../src/adapters/listing-source/realtor-api.js';
import { lineageHeaders } from '../src/domain/lineage.js';
import { searchAreaLabel } from '../src/domain/search-area.js';
import { startSandbox } from '../src/local/sandbox/sandbox.js';
import { buildMskEvent } from '../src/msk/msk-event.js';
import { partitionFor } from '../src/msk/partitioner.js';
import type { ConsumedRecord } from '../src/ports/event-bus.js';

const TOPIC = 'realty.listings.v1';
const PARTITIONS = 6;
const SOURCE = {
  eventSourceArn:
    'arn:aws:kafka:us-east-1:123456789012:cluster/realty/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE-1',
  bootstrapServers:
    'b-1.realty.a1b2c3.c2.kafka.us-east-1.amazonaws.com:9098,b-2.realty.a1b2c3.c2.kafka.us-east-1.amazonaws.com:9098',
};
const OBSERVED_AT = Date.parse('2026-11-20T14:00:00Z');

async function main(): Promise<void> {
  const sandbox = await startSandbox({ listings: 60, seed: 7, startDate: '2026-11-20' });
  try {
    const area = sandbox.areas[0]!;
    const source = createRealtorApiSource({
      baseUrl: sandbox.url,
      apiKey: sandbox.apiKey,
      host: sandbox.host,
      pageSize: 12,
      clock: () => OBSERVED_AT,
    });
    const results: unknown[] = [];
    for (const each of sandbox.areas) {
      for await (const page of source.pages(each)) results.push(...page.results);
      if (results.length > 12) break;
    }
    const offsets = new Map<number, number>();
    const encode = (text: string) => new TextEncoder().encode(text);
    const record = (key: string | null, value: Uint8Array): ConsumedRecord => {
      const partition = key === null ? 0 : partitionFor(key, PARTITIONS);
      const offset = offsets.get(partition) ?? 100;
      offsets.set(partition, offset + 1);
      const headers = lineageHeaders({
        source: 'realty-in-us/v3',
        searchArea: searchAreaLabel(area),
        observedAt: OBSERVED_AT,
        runId: 'sample',
        pageOffset: 0,
      });
      return {
        topic: TOPIC,
        partition,
        offset,
        timestamp: OBSERVED_AT,
        timestampType: 'CREATE_TIME',
        key: key === null ? null : encode(key),
        value,
        headers: Object.entries(headers).map(([name, text]) => [name, encode(text)]),
      };
    };
    const good = results
      .slice(0, 10)
      .map((r) => record(String((r as { property_id: string }).property_id), encode(JSON.stringify(r))));
    const broken = structuredClone(results[10]) as { location: { address: { state_code: string } } };
    broken.location.address.state_code = 'ZZ';
    const bad = [
      ...good.slice(0, 4),
      record('9999999999', encode(JSON.stringify(broken))),
      record('truncated-1', encode('{"property_id": "1234", "status": "for_sa')),
      record(null, new Uint8Array([0xff, 0xfe, 0x00, 0x41])),
    ];
    await write('msk-listings.json', buildMskEvent(good, SOURCE));
    await write('msk-with-bad-records.json', buildMskEvent(bad, SOURCE));
  } finally {
    await sandbox.close();
  }
}

async function write(name: string, event: unknown): Promise<void> {
  const file = path.join(import.meta.dirname, '..', 'events', name);
  await writeFile(file, `${JSON.stringify(event, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
