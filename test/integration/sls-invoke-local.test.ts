import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateJobCommand, GetJobRunsCommand, GlueClient } from '@aws-sdk/client-glue';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGlueCatalog } from '../../src/adapters/catalog/glue.js';
import { createS3Store } from '../../src/adapters/object-store/s3.js';
import { ENCODER_NAMES } from '../../src/adapters/parquet/encoder-by-name.js';
import { WRITER_KEY } from '../../src/adapters/parquet/writer-metadata.js';
import {
  buildCompactionManifest,
  manifestKey,
  serializeCompactionManifest,
} from '../../src/compaction/compaction-manifest.js';
import { searchAreaLabel } from '../../src/domain/search-area.js';
import { type Sandbox, startSandbox } from '../../src/local/sandbox/sandbox.js';
import { ensureCuratedTables } from '../../src/pipeline/curated-tables.js';
import { MOTO_CREDENTIALS, MOTO_REGION, type MotoServer, startMoto } from './aws/moto-server.js';
import { cleanEsbuild, offlineEnv, sls } from './aws/sls-cli.js';

// The names serverless.yml gives stage dev in us-east-1.
const BUCKET = 'realty-pipeline-dev-us-east-1-data';
const DATABASE = 'realty_dev';
const JOB = 'realty-pipeline-dev-compact';
// The run id of events/glue-job-*.json.
const RUN_ID = 'jr_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

let moto: MotoServer;
let glue: GlueClient;
let s3: S3Client;

/** `sls invoke local -f fn -p events/<event>` with the AWS endpoints pointed at moto; resolves with the handler's result. */
async function invokeLocal(fn: string, event: string, env: Record<string, string> = {}) {
  await cleanEsbuild();
  const overrides = {
    REALTY_S3_ENDPOINT: moto.endpoint,
    REALTY_GLUE_ENDPOINT: moto.endpoint,
    REALTY_AWS_MAX_ATTEMPTS: '2',
    ...env,
  };
  const args = [
    'invoke',
    'local',
    '-f',
    fn,
    '-p',
    `events/${event}`,
    ...Object.entries(overrides).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
  ];
  const result = await sls(
    args,
    offlineEnv({
      AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    }),
    120_000,
  );
  const start = result.stdout.search(/^\{/m);
  if (result.code !== 0 || start < 0)
    throw new Error(`sls invoke local -f ${fn} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return { output: JSON.parse(result.stdout.slice(start)) as Record<string, unknown>, logs: result.stderr };
}

beforeAll(async () => {
  moto = await startMoto();
  glue = new GlueClient({ endpoint: moto.endpoint, region: MOTO_REGION, credentials: MOTO_CREDENTIALS });
  s3 = new S3Client({
    endpoint: moto.endpoint,
    region: MOTO_REGION,
    credentials: MOTO_CREDENTIALS,
    forcePathStyle: true,
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await glue.send(
    new CreateJobCommand({
      Name: JOB,
      Role: 'arn:aws:iam::123456789012:role/realty-glue',
      Command: { Name: 'glueetl', ScriptLocation: `s3://${BUCKET}/glue/scripts/compact_listings.py` },
    }),
  );
});

afterAll(async () => {
  glue?.destroy();
  s3?.destroy();
  await moto?.stop();
});

describe('sls invoke local, every function with its sample event', () => {
  it('compact-trigger starts the Glue job over the last days of raw partitions', async () => {
    const { output } = await invokeLocal('compact-trigger', 'schedule.json');

    const { JobRuns } = await glue.send(new GetJobRunsCommand({ JobName: JOB }));
    expect(output).toMatchObject({ action: 'started', dtFrom: '2026-11-19', dtTo: '2026-11-21' });
    expect(JobRuns?.map((run) => run.Id)).toContain(output['jobRunId']);
    expect(JobRuns?.find((run) => run.Id === output['jobRunId'])?.Arguments).toMatchObject({
      '--dt_from': '2026-11-19',
      '--dt_to': '2026-11-21',
    });
  }, 300_000);

  it('catalog-sync registers the curated partitions after a successful run and only reports a failed one', async () => {
    const catalog = createGlueCatalog({ client: glue, bucket: BUCKET });
    const store = createS3Store({ client: s3, bucket: BUCKET });
    await ensureCuratedTables(catalog, DATABASE);
    const part = (values: string[], location: string) => ({ values, location, files: 1, bytes: 10, rows: 1 });
    const manifest = buildCompactionManifest({
      runId: RUN_ID,
      engine: 'spark',
      database: DATABASE,
      startedAt: '2026-11-21T02:30:00Z',
      finishedAt: '2026-11-21T02:41:00Z',
      watermarkMs: 1,
      targetFileBytes: 134217728,
      rowsPerFile: 1000,
      scope: [{ state: 'CA', fromDt: '2026-11-20' }],
      input: { partitions: 1, files: 1, bytes: 10, rows: 1, observations: 1 },
      tables: [
        {
          name: 'listings_history',
          location: 'curated/listings_history/',
          partitionKeys: ['dt', 'state'],
          partitions: [part(['2026-11-20', 'CA'], 'curated/listings_history/dt=2026-11-20/state=CA/')],
        },
        {
          name: 'listings_current',
          location: 'curated/listings_current/',
          partitionKeys: ['state'],
          partitions: [
            part(['CA'], 'curated/listings_current/state=CA/'),
            part(['TX'], 'curated/listings_current/state=TX/'),
          ],
        },
      ],
    });
    await store.put(manifestKey(RUN_ID), new TextEncoder().encode(serializeCompactionManifest(manifest)));

    const succeeded = await invokeLocal('catalog-sync', 'glue-job-succeeded.json');
    const failed = await invokeLocal('catalog-sync', 'glue-job-failed.json');

    expect(succeeded.output).toMatchObject({
      action: 'synced',
      partitionsFound: 3,
      partitionsAdded: 3,
      missingTables: [],
    });
    expect((await catalog.listPartitions(DATABASE, 'listings_current')).map((p) => p.values)).toEqual([
      ['CA'],
      ['TX'],
    ]);
    expect(failed.output).toMatchObject({ action: 'failed-run', state: 'FAILED' });
    expect(failed.logs).toMatch(/"level":"error".*"message":"compaction run failed"/);
  }, 300_000);

  // The bundle is strict mode (serverless.yml's esbuild settings): every encoder a user can name must load in it.
  it.each(ENCODER_NAMES)(
    'transform with the %s encoder writes the sample MSK batch to S3 and registers its partitions in Glue',
    async (encoder) => {
      const { output } = await invokeLocal('transform', 'msk-listings.json', {
        REALTY_PARQUET_ENCODER: encoder,
      });

      const store = createS3Store({ client: s3, bucket: BUCKET });
      const writers: unknown[] = [];
      for (const key of output['objects'] as string[]) {
        const bytes = (await store.get(key))!;
        const metadata = parquetMetadata(bytes);
        writers.push(metadata.key_value_metadata?.find((kv) => kv.key === WRITER_KEY)?.value);
      }
      expect(output['batchItemFailures']).toEqual([]);
      expect(output['written']).toBeGreaterThan(0);
      expect(writers.length).toBeGreaterThan(0);
      expect(new Set(writers)).toEqual(new Set([encoder]));
      expect(
        await createGlueCatalog({ client: glue, bucket: BUCKET }).listPartitions(DATABASE, 'listings_raw'),
      ).not.toEqual([]);
    },
    300_000,
  );

  // The README's line, as written: no -e, no credentials (offlineEnv), so the local directory and catalog.
  it('transform runs `sls invoke local -f transform -p events/msk-with-bad-records.json` without AWS credentials', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'realty-invoke-'));
    try {
      await cleanEsbuild();
      const result = await sls(
        ['invoke', 'local', '-f', 'transform', '-p', 'events/msk-with-bad-records.json'],
        offlineEnv({ REALTY_DATA_DIR: dataDir }),
        120_000,
      );
      const start = result.stdout.search(/^\{/m);
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
      const output = JSON.parse(result.stdout.slice(start)) as Record<string, unknown>;

      expect(output['batchItemFailures']).toEqual([]);
      expect(output['written']).toBeGreaterThan(0);
      expect(output['deadLettered']).toBeGreaterThan(0);
      expect(await readdir(path.join(dataDir, BUCKET, 'raw', 'listings'))).not.toEqual([]);
      expect(await readdir(dataDir)).toContain('catalog.json');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);

  describe('ingest', () => {
    let sandbox: Sandbox;
    let dataDir: string;

    beforeAll(async () => {
      sandbox = await startSandbox({ listings: 40, seed: 3 });
      dataDir = await mkdtemp(path.join(tmpdir(), 'realty-ingest-'));
    });

    afterAll(async () => {
      await sandbox?.close();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('ingest fetches an area from the API and produces its listings to the bus', async () => {
      const area = searchAreaLabel(sandbox.areas[0]!);

      const { output } = await invokeLocal('ingest', 'schedule.json', {
        REALTY_BUS: 'embedded',
        REALTY_STORE: 'local',
        REALTY_DATA_DIR: dataDir,
        REALTY_API_URL: sandbox.url,
        REALTY_API_KEY: sandbox.apiKey,
        REALTY_API_HOST: sandbox.host,
        REALTY_SEARCH_AREAS: area,
      });

      expect(output['failedAreas']).toEqual([]);
      expect(output['produced']).toBeGreaterThan(0);
      expect(output['produced']).toBe(output['fetched']);
      expect(await readdir(dataDir)).toContain('log');
    }, 300_000);
  });
});
