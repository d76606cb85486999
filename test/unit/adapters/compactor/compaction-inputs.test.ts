import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leftoverKeys, listCompactionInputs } from '../../../../src/adapters/compactor/compaction-inputs.js';
import { createLocalDirStore } from '../../../../src/adapters/object-store/local-dir.js';
import type { ObjectStore } from '../../../../src/ports/object-store.js';
import { InMemoryObjectStore } from '../../../helpers/in-memory-object-store.js';

// leftoverKeys lists `<table>.spark-staging-` and `<table>_temporary`, prefixes that are not whole path segments:
// S3's ListObjectsV2 Prefix "limits the response to keys that begin with the specified prefix" in a general purpose
// bucket (serverless.yml's AWS::S3::Bucket; directory buckets take only prefixes ending in '/'):
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html. The local store lists the same way.
const TABLE = 'curated/listings_history/';
// What a killed Spark run leaves at a table's root, beside the table's own files and names that only look alike.
const LEFTOVERS = [
  `${TABLE}.spark-staging-0b1f/dt=2026-11-18/state=CA/part-00000.parquet`,
  `${TABLE}_temporary/0/_temporary/attempt_1/part-00000.parquet`,
];
const KEPT = [
  `${TABLE}dt=2026-11-18/state=CA/part-00000.parquet`,
  `${TABLE}dt=2026-11-18/state=CA/.spark-staging-1/part-00000.parquet`,
  `${TABLE}_temporary_copy/part-00000.parquet`,
  'curated/listings_current/_temporary/0/part-00000.parquet',
];

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function stores(): Promise<[string, ObjectStore][]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-leftovers-'));
  dirs.push(dir);
  return [
    ['a local directory', createLocalDirStore({ root: dir })],
    ['an in-memory store', new InMemoryObjectStore()],
  ];
}

describe('leftoverKeys', () => {
  it("finds the .spark-staging-* and _temporary trees at a table's root, and nothing else", async () => {
    for (const [name, store] of await stores()) {
      // prepare
      for (const key of [...LEFTOVERS, ...KEPT]) await store.put(key, new Uint8Array([1]));

      // act
      const keys = await leftoverKeys(store, TABLE);

      // assess
      expect(keys.sort(), name).toEqual([...LEFTOVERS].sort());
    }
  });
});

describe('listCompactionInputs', () => {
  it("finds the history days a daily run reads (its week's days before it and the days it redoes), no older one", async () => {
    for (const [name, store] of await stores()) {
      // prepare: history of 2026-11-02 to 2026-11-20 in CA and TX, raw days to 2026-11-20
      const days = Array.from({ length: 19 }, (_, i) => `2026-11-${String(2 + i).padStart(2, '0')}`);
      for (const dt of days) {
        await store.put(`raw/listings/dt=${dt}/t-p0-o0-1.parquet`, new Uint8Array([1]));
        for (const state of ['CA', 'TX'])
          await store.put(`${TABLE}dt=${dt}/state=${state}/part-00000.parquet`, new Uint8Array([1]));
      }

      // act: Thursday 2026-11-19 in CA (its week starts on Monday 2026-11-16)
      const inputs = await listCompactionInputs(store, [{ state: 'CA', fromDt: '2026-11-19' }]);

      // assess
      const dayOf = (key: string) => /dt=([^/]+)/.exec(key)?.[1];
      expect(
        inputs.historyWeekBefore.map((o) => dayOf(o.key)),
        name,
      ).toEqual(['2026-11-16', '2026-11-17', '2026-11-18']);
      expect(
        inputs.historyRedone.map((o) => dayOf(o.key)),
        name,
      ).toEqual(['2026-11-19', '2026-11-20']);
      expect(
        inputs.raw.map((o) => dayOf(o.key)),
        name,
      ).toEqual(['2026-11-19', '2026-11-20']);
    }
  });
});
