import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPACTION_JOB_SCRIPT, sparkJobArgs } from '../../../src/adapters/compactor/spark.js';
import { runJobProcess } from '../../../src/adapters/compactor/spark-process.js';
import type { CompactionManifest } from '../../../src/compaction/compaction-manifest.js';
import { LATEST_MANIFEST_KEY, parseCompactionManifest } from '../../../src/compaction/compaction-manifest.js';
import { SETTINGS } from '../../../src/config-settings.js';
import {
  FIRST_WAVE,
  LATE_WAVE,
  type RawBatch,
  writeRawBatch,
} from '../../unit/adapters/compactor/crafted-market.js';
import {
  createWarehouse,
  queryWarehouse,
  storedKeys,
  type Warehouse,
} from '../../unit/adapters/compactor/curated-reader.js';
import { lateBatch, ninetyDayBatches } from '../../unit/adapters/compactor/ninety-day-market.js';
import {
  duckDbCompactorFor,
  provisionSparkPython,
  rawKeys,
  requestFor,
  sparkCompactorFor,
} from './spark-env.js';

// Spark starts a JVM per run (seconds on a quiet machine, minutes on a loaded one): one generous limit.
const SPARK_TIMEOUT_MS = 900_000;
// Ordered by each table's key, so the comparison does not depend on file or row order.
const TABLES = {
  history: 'SELECT * FROM listings_history ORDER BY property_id, dt',
  current: 'SELECT * FROM listings_current ORDER BY property_id',
  weekly: 'SELECT * FROM market_weekly ORDER BY state, postal_code, city, week_start',
  outcomes: 'SELECT * FROM listing_outcomes ORDER BY state, property_id, listing_id',
  changes: 'SELECT * FROM price_changes ORDER BY state, property_id, change_dt',
};

/** What the two engines must agree on in a manifest: scope, input and partitions (files are engine-made). */
function essentials(manifest: CompactionManifest) {
  return {
    scope: manifest.scope,
    input: manifest.input,
    rowsPerFile: manifest.rowsPerFile,
    tables: manifest.tables.map((t) => ({
      name: t.name,
      partitions: t.partitions.map(({ values, location, rows }) => ({ values, location, rows })),
    })),
  };
}

async function snapshot(warehouse: Warehouse) {
  return {
    history: await queryWarehouse(warehouse, TABLES.history),
    current: await queryWarehouse(warehouse, TABLES.current),
    weekly: await queryWarehouse(warehouse, TABLES.weekly),
    outcomes: await queryWarehouse(warehouse, TABLES.outcomes),
    changes: await queryWarehouse(warehouse, TABLES.changes),
  };
}

describe('compaction on Spark (the Glue job) and on DuckDB', () => {
  let python: string;
  let spark: Warehouse;
  let duck: Warehouse;

  beforeAll(async () => {
    python = await provisionSparkPython();
    [spark, duck] = [await createWarehouse('realty-spark-'), await createWarehouse('realty-duck-')];
    for (const batch of FIRST_WAVE) {
      await writeRawBatch(spark.store, batch);
      await writeRawBatch(duck.store, batch);
    }
  }, SPARK_TIMEOUT_MS);

  afterAll(async () => {
    for (const warehouse of [spark, duck])
      if (warehouse) await rm(warehouse.dir, { recursive: true, force: true });
  });

  it(
    'gives identical rows and column types from raw input with copies, late and out-of-order records and nulls',
    async () => {
      // act
      const sparkManifest = await sparkCompactorFor(spark, python).compact(
        await requestFor(spark.store, 'first'),
      );
      const duckManifest = await duckDbCompactorFor(duck).compact(await requestFor(duck.store, 'first'));

      // assess
      const [fromSpark, fromDuck] = [await snapshot(spark), await snapshot(duck)];
      expect(fromSpark.history.columns).toEqual(fromDuck.history.columns);
      expect(fromSpark.history.rows).toEqual(fromDuck.history.rows);
      expect(fromSpark.current).toEqual(fromDuck.current);
      expect(fromSpark.outcomes).toEqual(fromDuck.outcomes);
      expect(fromDuck.outcomes.rows.length).toBeGreaterThan(0);
      expect(fromDuck.history.rows).toHaveLength(10);
      expect(sparkManifest.engine).toBe('spark');
      expect(essentials(sparkManifest)).toEqual(essentials(duckManifest));
    },
    SPARK_TIMEOUT_MS,
  );

  it(
    'agrees again after late data recompacts a day and the days after it',
    async () => {
      // prepare
      const [sparkBefore, duckBefore] = [await rawKeys(spark.store), await rawKeys(duck.store)];
      for (const batch of LATE_WAVE) {
        await writeRawBatch(spark.store, batch);
        await writeRawBatch(duck.store, batch);
      }
      const late = async (warehouse: Warehouse, before: Set<string>) =>
        new Set([...(await rawKeys(warehouse.store))].filter((key) => !before.has(key)));

      // act
      const sparkManifest = await sparkCompactorFor(spark, python).compact(
        await requestFor(spark.store, 'late', await late(spark, sparkBefore)),
      );
      const duckManifest = await duckDbCompactorFor(duck).compact(
        await requestFor(duck.store, 'late', await late(duck, duckBefore)),
      );

      // assess
      // A raw day holds every state (listings_raw is partitioned by dt only): every state from the late day on.
      expect(sparkManifest.scope.every((entry) => entry.fromDt === '2026-11-19')).toBe(true);
      expect(sparkManifest.scope.map((entry) => entry.state)).toContain('CA');
      expect(essentials(sparkManifest)).toEqual(essentials(duckManifest));
      expect(await snapshot(spark)).toEqual(await snapshot(duck));
    },
    SPARK_TIMEOUT_MS,
  );

  it(
    'changes nothing when the job runs again on its own watermark, as the scheduled Glue run does',
    async () => {
      // prepare
      const before = await snapshot(spark);
      const partitionsBefore = await storedKeys(spark.store, 'curated/listings_history/');
      const request = { ...(await requestFor(spark.store, 'scheduled')), partitions: [] };

      // act: no --partitions, so the job picks raw files newer than latest.json's watermark (all of them here)
      await runJobProcess({
        command: python,
        args: [COMPACTION_JOB_SCRIPT, ...sparkJobArgs(spark.store, request, path.join(spark.dir, 'spark'))],
        cwd: path.join(spark.dir, 'spark'),
        env: {
          PATH: process.env['PATH'],
          JAVA_HOME: SETTINGS.sparkJavaHome.default,
          SPARK_LOCAL_IP: '127.0.0.1',
        },
      });

      // assess
      const latest = parseCompactionManifest(
        new TextDecoder().decode(await spark.store.get(LATEST_MANIFEST_KEY)),
        LATEST_MANIFEST_KEY,
      );
      expect(latest.runId).toBe('scheduled');
      expect(latest.scope).toEqual([
        { state: 'CA', fromDt: '2026-11-18' },
        { state: 'TX', fromDt: '2026-11-20' },
      ]);
      expect(await snapshot(spark)).toEqual(before);
      expect((await storedKeys(spark.store, 'curated/listings_history/')).length).toBe(
        partitionsBefore.length,
      );
    },
    SPARK_TIMEOUT_MS,
  );
});

/** Writes batches into both warehouses and compacts the partitions they touched on each engine. */
async function compactBoth(
  spark: Warehouse,
  duck: Warehouse,
  python: string,
  runId: string,
  batches: RawBatch[],
) {
  const written = { spark: new Set<string>(), duck: new Set<string>() };
  for (const batch of batches) {
    for (const key of await writeRawBatch(spark.store, batch)) written.spark.add(key);
    for (const key of await writeRawBatch(duck.store, batch)) written.duck.add(key);
  }
  return {
    spark: await sparkCompactorFor(spark, python).compact(
      await requestFor(spark.store, runId, written.spark),
    ),
    duck: await duckDbCompactorFor(duck).compact(await requestFor(duck.store, runId, written.duck)),
  };
}

describe('incremental compaction over 90 days on Spark and on DuckDB', () => {
  const LISTINGS = 16;
  const batches = ninetyDayBatches(LISTINGS);
  let python: string;
  let spark: Warehouse;
  let duck: Warehouse;

  beforeAll(async () => {
    python = await provisionSparkPython();
    [spark, duck] = [await createWarehouse('realty-spark-'), await createWarehouse('realty-duck-')];
    await compactBoth(spark, duck, python, 'days-0-88', batches.slice(0, -1));
  }, SPARK_TIMEOUT_MS);

  afterAll(async () => {
    for (const warehouse of [spark, duck])
      if (warehouse) await rm(warehouse.dir, { recursive: true, force: true });
  });

  it(
    'agrees on a daily run that joins the new day to listings_current',
    async () => {
      // act
      const manifests = await compactBoth(spark, duck, python, 'day-89', batches.slice(-1));

      // assess
      expect(essentials(manifests.spark)).toEqual(essentials(manifests.duck));
      expect(await snapshot(spark)).toEqual(await snapshot(duck));
    },
    SPARK_TIMEOUT_MS,
  );

  it(
    'agrees after late data for day 45 redoes the days from it on, and both match a full compaction',
    async () => {
      // prepare
      const late = lateBatch(LISTINGS, 45);
      const full = await createWarehouse('realty-full-');
      for (const batch of [...batches, late]) await writeRawBatch(full.store, batch);
      await duckDbCompactorFor(full).compact(await requestFor(full.store, 'full'));

      // act
      const manifests = await compactBoth(spark, duck, python, 'late', [late]);

      // assess
      expect(essentials(manifests.spark)).toEqual(essentials(manifests.duck));
      const fromSpark = await snapshot(spark);
      expect(fromSpark).toEqual(await snapshot(duck));
      expect(fromSpark).toEqual(await snapshot(full));
      await rm(full.dir, { recursive: true, force: true });
    },
    SPARK_TIMEOUT_MS,
  );
});
