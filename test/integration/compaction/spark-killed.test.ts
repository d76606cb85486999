import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_MANIFEST_KEY, parseCompactionManifest } from '../../../src/compaction/compaction-manifest.js';
import { FIRST_WAVE, LATE_WAVE, writeRawBatch } from '../../unit/adapters/compactor/crafted-market.js';
import { createWarehouse, type Warehouse } from '../../unit/adapters/compactor/curated-reader.js';
import { readLikeHive, stagedSparkFiles } from './hive-reader.js';
import {
  duckDbCompactorFor,
  provisionSparkPython,
  rawKeys,
  requestFor,
  sparkCompactorFor,
} from './spark-env.js';

const SPARK_TIMEOUT_MS = 900_000;
const POLL_MS = 20;

/** Resolves once `check` holds, polling; rejects at the deadline. */
async function pollUntil(check: () => Promise<boolean>, deadlineMs: number, what: string): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function latestRunId(warehouse: Warehouse): Promise<string> {
  const body = await warehouse.store.get(LATEST_MANIFEST_KEY);
  return parseCompactionManifest(new TextDecoder().decode(body), LATEST_MANIFEST_KEY).runId;
}

describe('a Spark compaction killed while it writes', () => {
  let python: string;
  const warehouses: Warehouse[] = [];

  beforeAll(async () => {
    python = await provisionSparkPython();
  }, SPARK_TIMEOUT_MS);

  afterAll(async () => {
    for (const { dir } of warehouses) await rm(dir, { recursive: true, force: true });
  });

  it(
    'leaves the previous curated state readable, and the next run finishes the work',
    async () => {
      // prepare: the previous state, compacted by DuckDB; then late data arrives
      const warehouse = await createWarehouse('realty-killed-');
      const expected = await createWarehouse('realty-expected-');
      warehouses.push(warehouse, expected);
      for (const batch of FIRST_WAVE) await writeRawBatch(warehouse.store, batch);
      await duckDbCompactorFor(warehouse).compact(await requestFor(warehouse.store, 'previous'));
      const previous = {
        history: await readLikeHive(warehouse, 'listings_history'),
        current: await readLikeHive(warehouse, 'listings_current'),
      };
      const before = await rawKeys(warehouse.store);
      for (const batch of LATE_WAVE) await writeRawBatch(warehouse.store, batch);
      const late = new Set([...(await rawKeys(warehouse.store))].filter((key) => !before.has(key)));
      const stop = new AbortController();
      let watching: Promise<void> = Promise.resolve();

      // act: kill the job (process group, SIGKILL) once its first curated file lands in Spark's staging
      const killed = sparkCompactorFor(warehouse, python)
        .compact(await requestFor(warehouse.store, 'killed', late), {
          signal: stop.signal,
          onProgress: ({ step }) => {
            if (step !== 'writing') return;
            watching = pollUntil(
              async () => (await stagedSparkFiles(warehouse, 'listings_history')).length > 0,
              SPARK_TIMEOUT_MS,
              'Spark to stage a file',
            ).then(() => stop.abort());
          },
        })
        .then(
          () => 'finished',
          (error: unknown) => String(error),
        );

      // assess: killed midway, the tables read as before and the last good run stays the watermark
      expect(await killed).toMatch(/the Spark compaction was stopped/);
      await watching;
      expect(await readLikeHive(warehouse, 'listings_history')).toEqual(previous.history);
      expect(await readLikeHive(warehouse, 'listings_current')).toEqual(previous.current);
      expect(await latestRunId(warehouse)).toBe('previous');

      // assess: the next run cleans up after the killed one and gives what one full compaction gives
      await sparkCompactorFor(warehouse, python).compact(
        await requestFor(warehouse.store, 'after-kill', late),
      );
      for (const wave of [FIRST_WAVE, LATE_WAVE])
        for (const batch of wave) await writeRawBatch(expected.store, batch);
      await duckDbCompactorFor(expected).compact(await requestFor(expected.store, 'full'));
      expect(await stagedSparkFiles(warehouse, 'listings_history')).toEqual([]);
      expect(await readLikeHive(warehouse, 'listings_history')).toEqual(
        await readLikeHive(expected, 'listings_history'),
      );
      expect(await readLikeHive(warehouse, 'listings_current')).toEqual(
        await readLikeHive(expected, 'listings_current'),
      );
    },
    2 * SPARK_TIMEOUT_MS,
  );
});
