import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import {
  MSK_DEFAULT_BATCHING_WINDOW_MS,
  MSK_INVOKE_PAYLOAD_LIMIT_BYTES,
} from '../../../src/msk/esm-settings.js';
import { MskPayloadMeter } from '../../../src/msk/msk-payload-meter.js';
import { toOutgoingRecord } from '../../../src/pipeline/ingest-listings.js';
import type { ConsumedRecord } from '../../../src/ports/event-bus.js';
import type { SourcePage } from '../../../src/ports/listing-source.js';
import { repoRoot } from '../../helpers/fixtures.js';
import { fixtureResults, V3_LIST } from '../domain/realtor-fixtures.js';

const SOURCE = {
  eventSourceArn:
    'arn:aws:kafka:us-east-1:123456789012:cluster/realty/0a1b2c3d-1111-2222-3333-444455556666-1',
  bootstrapServers: 'b-1.realty.kafka.us-east-1.amazonaws.com:9098',
};

/** Real v3 listings as ingest produces them (value = the result's JSON, lineage headers), on one partition. */
function realListingRecords(count: number): ConsumedRecord[] {
  const results = fixtureResults(V3_LIST);
  const page = {
    source: 'realty-in-us/v3',
    fetchedAt: Date.UTC(2026, 10, 20, 12),
    offset: 0,
    total: results.length,
    results,
  } as unknown as SourcePage;
  return Array.from({ length: count }, (_, i) => {
    const record = toOutgoingRecord(results[i % results.length], page, 'CA:Los Angeles', 'run-20261120-0001');
    return {
      topic: 'realty.listings.v1',
      partition: 0,
      offset: 1_000_000 + i,
      timestamp: record.timestamp ?? 0,
      timestampType: 'CREATE_TIME' as const,
      key: record.key === null ? null : new TextEncoder().encode(record.key),
      value: record.value,
      headers: Object.entries(record.headers ?? {}).map(([name, text]): [string, Uint8Array] => [
        name,
        new TextEncoder().encode(text),
      ]),
    };
  });
}

describe('trigger defaults', () => {
  it("uses AWS's largest MSK BatchSize by default, so Lambda's 6 MB invoke cap bounds a batch", () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/msk-esm-parameters.html: BatchSize default 100, maximum 10,000;
    // MaximumBatchingWindowInSeconds default 500 ms for Amazon MSK.
    const config = loadConfig({});

    expect(config.batchSize).toBe(10_000);
    expect(config.batchWindowSeconds).toBeUndefined();
    expect(MSK_DEFAULT_BATCHING_WINDOW_MS).toBe(500);
  });

  it('fits more than 1,000 real listings in one invocation under the 6 MB synchronous payload cap', () => {
    // https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html: "For synchronous invocations, the maximum
    // payload size is 6 MB"; the MSK trigger invokes synchronously, and Lambda's error names 6291456 bytes.
    const meter = new MskPayloadMeter(SOURCE);
    const records = realListingRecords(10_000);

    let fitted = 0;
    for (const record of records) {
      if (meter.bytesWith(record) > MSK_INVOKE_PAYLOAD_LIMIT_BYTES) break;
      meter.add(record);
      fitted += 1;
    }

    expect(MSK_INVOKE_PAYLOAD_LIMIT_BYTES).toBe(6 * 1024 * 1024);
    expect(fitted).toBeGreaterThan(1_000);
    expect(fitted).toBeLessThan(10_000);
  });

  it('deploys the trigger with the largest BatchSize and a batching window within MSK limits (0 to 300 s)', () => {
    // https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html: MaximumBatchingWindowInSeconds
    // 0 to 300 seconds, in whole seconds.
    // The template's only msk event (test/integration/serverless-template.test.ts checks the compiled mapping).
    const template = readFileSync(path.join(repoRoot, 'serverless.yml'), 'utf8');
    const msk = template.slice(template.indexOf('- msk:'));
    const batchSize = Number(/\n\s+batchSize: (\d+)/.exec(msk)?.[1]);
    const windowSeconds = Number(/\n\s+maximumBatchingWindow: (\d+)/.exec(msk)?.[1]);

    expect(batchSize).toBe(10_000);
    expect(windowSeconds).toBeGreaterThanOrEqual(1);
    expect(windowSeconds).toBeLessThanOrEqual(300);
  });
});
