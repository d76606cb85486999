import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLocalCatalog } from '../../../src/adapters/catalog/local-file.js';
import {
  buildCompactionManifest,
  manifestKey,
  serializeCompactionManifest,
} from '../../../src/compaction/compaction-manifest.js';
import { CompactionError, EventError } from '../../../src/errors.js';
import { ensureCuratedTables } from '../../../src/pipeline/curated-tables.js';
import {
  parseGlueJobStateChange,
  type SyncCatalogDeps,
  syncCatalog,
} from '../../../src/pipeline/sync-catalog.js';
import type { Catalog } from '../../../src/ports/catalog.js';
import { hasSharedFixtures, loadFixture } from '../../helpers/fixtures.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';

const JOB = 'realty-pipeline-dev-compact';
let dir: string;
let catalog: Catalog;
let store: InMemoryObjectStore;
let failures: Record<string, string>[];

function stateChange(state: string, jobName = JOB) {
  return parseGlueJobStateChange({
    version: '0',
    id: 'e-1',
    'detail-type': 'Glue Job State Change',
    source: 'aws.glue',
    account: '123456789012',
    time: '2026-11-21T02:41:07Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      jobName,
      severity: 'INFO',
      state,
      jobRunId: 'jr_1',
      message: state === 'SUCCEEDED' ? 'Job run succeeded' : 'OutOfMemoryError',
    },
  });
}

const deps = (): SyncCatalogDeps => ({
  catalog,
  store,
  database: 'realty',
  jobName: JOB,
  reportFailure: (failure) => failures.push(failure),
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'realty-sync-'));
  catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
  store = new InMemoryObjectStore();
  failures = [];
  await ensureCuratedTables(catalog, 'realty');
});

const part = (values: string[], location: string) => ({ values, location, files: 1, bytes: 100, rows: 3 });

/** The manifest run jr_1 leaves, as both compaction engines write it. */
async function writeManifest(
  tables: { name: string; partitionKeys: string[]; partitions: ReturnType<typeof part>[] }[],
) {
  const manifest = buildCompactionManifest({
    runId: 'jr_1',
    engine: 'spark',
    database: 'realty',
    startedAt: '2026-11-21T02:30:00Z',
    finishedAt: '2026-11-21T02:41:00Z',
    watermarkMs: 1,
    targetFileBytes: 134217728,
    rowsPerFile: 1000,
    scope: [{ state: 'CA', fromDt: '2026-11-20' }],
    input: { partitions: 2, files: 4, bytes: 400, rows: 12, observations: 12 },
    tables: tables.map((t) => ({ ...t, location: `curated/${t.name}/` })),
  });
  await store.put(manifestKey('jr_1'), new TextEncoder().encode(serializeCompactionManifest(manifest)));
}

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('syncCatalog', () => {
  it("registers the curated partitions of the run's manifest, once, after a successful run", async () => {
    await writeManifest([
      {
        name: 'listings_history',
        partitionKeys: ['dt', 'state'],
        partitions: [
          part(['2026-11-20', 'CA'], 'curated/listings_history/dt=2026-11-20/state=CA/'),
          part(['2026-11-21', 'CA'], 'curated/listings_history/dt=2026-11-21/state=CA/'),
        ],
      },
      {
        name: 'listings_current',
        partitionKeys: ['state'],
        partitions: [part(['CA'], 'curated/listings_current/state=CA/')],
      },
    ]);

    const first = await syncCatalog(stateChange('SUCCEEDED'), deps());
    const again = await syncCatalog(stateChange('SUCCEEDED'), deps());

    expect(first).toEqual({
      action: 'synced',
      jobRunId: 'jr_1',
      partitionsFound: 3,
      partitionsAdded: 3,
      tables: ['listings_history', 'listings_current'],
      missingTables: [],
    });
    expect(again).toMatchObject({ partitionsFound: 3, partitionsAdded: 0 });
    expect(await catalog.listPartitions('realty', 'listings_current')).toEqual([
      { values: ['CA'], location: 'curated/listings_current/state=CA/' },
    ]);
  });

  it('fails loudly when a successful run left no manifest', async () => {
    await expect(syncCatalog(stateChange('SUCCEEDED'), deps())).rejects.toThrow(CompactionError);
  });

  it.each(['FAILED', 'TIMEOUT', 'STOPPED'])(
    'reports a %s run with its message and registers nothing',
    async (state) => {
      await store.put(
        'curated/listings_current/dt=2026-11-21/state=NY/part-0.snappy.parquet',
        new Uint8Array([1]),
      );

      const outcome = await syncCatalog(stateChange(state), deps());

      expect(outcome).toEqual({ action: 'failed-run', jobRunId: 'jr_1', state, message: 'OutOfMemoryError' });
      expect(failures).toEqual([{ jobName: JOB, jobRunId: 'jr_1', state, reason: 'OutOfMemoryError' }]);
      expect(await catalog.listPartitions('realty', 'listings_current')).toEqual([]);
    },
  );

  it('ignores the state changes of other Glue jobs', async () => {
    const outcome = await syncCatalog(stateChange('FAILED', 'someone-elses-job'), deps());

    expect(outcome).toMatchObject({ action: 'ignored' });
    expect(failures).toEqual([]);
  });

  it('names a curated table that is missing from the catalog instead of failing', async () => {
    const bare = openLocalCatalog({ path: path.join(dir, 'bare.json') });
    await bare.ensureDatabase('realty');
    await writeManifest([
      {
        name: 'listings_current',
        partitionKeys: ['state'],
        partitions: [part(['CA'], 'curated/listings_current/state=CA/')],
      },
    ]);

    const outcome = await syncCatalog(stateChange('SUCCEEDED'), { ...deps(), catalog: bare });

    expect(outcome).toMatchObject({ action: 'synced', tables: [], missingTables: ['listings_current'] });
  });
});

describe.skipIf(!hasSharedFixtures)('parseGlueJobStateChange', () => {
  it('accepts the Glue Job State Change event of the AWS documentation', () => {
    const real = loadFixture('aws-events', 'glue_job_state_change_SUCCEEDED_awsdocs_example.json');

    expect(parseGlueJobStateChange(real).detail).toMatchObject({
      state: 'SUCCEEDED',
      jobName: 'ds-source1-historical-data-load',
    });
  });

  it('rejects a scheduled event with an EventError naming the field', () => {
    const scheduled = loadFixture('aws-events', 'sam-cli_cloudwatch_ScheduledEvent.rendered.json');

    expect(() => parseGlueJobStateChange(scheduled)).toThrow(EventError);
    expect(() => parseGlueJobStateChange(scheduled)).toThrow(/detail-type/);
  });
});
