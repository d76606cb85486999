import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiveTypeOf } from '../../src/adapters/catalog/hive-storage.js';
import { type ColumnType, RAW_COLUMNS, RAW_PARTITION_KEYS } from '../../src/domain/listing-record.js';
import {
  curatedTableDefinitions,
  currentTableDefinition,
  historyTableDefinition,
  marketWeeklyTableDefinition,
  priceChangesTableDefinition,
} from '../../src/pipeline/curated-tables.js';
import { listingOutcomesTableDefinition } from '../../src/pipeline/listing-outcomes-table.js';
import { repoRoot } from '../helpers/fixtures.js';
import { cleanEsbuild, offlineEnv, sls } from './aws/sls-cli.js';
import { iamStatements, type Resource, resourcesOfType, type Template } from './aws/template-queries.js';

const run = promisify(execFile);
const FUNCTIONS = ['ingest', 'transform', 'compact-trigger', 'catalog-sync'] as const;
const ESM = 'TransformEventSourceMappingMSKMskClusterArnRealtylistingsv1';

let outDir: string;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'realty-sls-'));
  await cleanEsbuild();
  const result = await sls(['package', '--package', outDir], offlineEnv());
  if (result.code !== 0)
    throw new Error(`sls package failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  template = JSON.parse(
    await readFile(path.join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'),
  ) as Template;
  resources = template.Resources;
}, 300_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const props = (logicalId: string) => resources[logicalId]?.Properties ?? {};

describe('sls package, offline and without credentials', () => {
  it('compiles every resource of the production stack', () => {
    const expected = [
      'IngestLambdaFunction',
      'TransformLambdaFunction',
      'CompactDashtriggerLambdaFunction',
      'CatalogDashsyncLambdaFunction',
      ESM,
      'IngestEventsRuleSchedule1',
      'CompactDashtriggerEventsRuleSchedule1',
      'DataBucket',
      'DataBucketPolicy',
      'ListingsTopic',
      'GlueDatabase',
      'ListingsRawTable',
      'ListingsHistoryTable',
      'ListingsCurrentTable',
      'CompactionJob',
      'AthenaWorkGroup',
      'IngestRole',
      'TransformRole',
      'CompactTriggerRole',
      'CatalogSyncRole',
      'GlueJobRole',
      'DeadLetterMetricFilter',
      'DeadLetterAlarm',
      'ConsumerLagAlarm',
      'CompactionFailedAlarm',
      'AlarmTopic',
    ];

    expect(Object.keys(resources)).toEqual(expect.arrayContaining(expected));
    expect(resourcesOfType(template, 'AWS::Athena::NamedQuery').length).toBeGreaterThanOrEqual(3);
  });

  it('runs every function on nodejs22.x and arm64 with a role of its own, ingest inside the VPC', () => {
    const functions = resourcesOfType(template, 'AWS::Lambda::Function');
    const roles = functions.map(([, f]) => JSON.stringify(f.Properties?.['Role']));

    expect(functions).toHaveLength(FUNCTIONS.length);
    for (const [, f] of functions) {
      expect(f.Properties?.['Runtime']).toBe('nodejs22.x');
      expect(f.Properties?.['Architectures']).toEqual(['arm64']);
    }
    expect(new Set(roles).size).toBe(FUNCTIONS.length);
    expect(props('IngestLambdaFunction')['VpcConfig']).toMatchObject({
      SubnetIds: expect.any(Array),
      SecurityGroupIds: expect.any(Array),
    });
  });

  it("triggers catalog-sync on the compaction job's Glue Job State Change events only", () => {
    const [[, rule] = ['', {}]] = resourcesOfType(template, 'AWS::Events::Rule').filter(([, r]) =>
      JSON.stringify(r).includes('aws.glue'),
    );

    expect(rule.Properties?.['EventPattern']).toEqual({
      source: ['aws.glue'],
      'detail-type': ['Glue Job State Change'],
      detail: { jobName: ['realty-pipeline-dev-compact'] },
    });
  });

  // Retries, record age, bisect and ReportBatchItemFailures on a Kafka mapping are "error handling controls",
  // which Lambda offers in provisioned mode (ProvisionedPollerConfig):
  // https://docs.aws.amazon.com/lambda/latest/dg/kafka-retry-configurations.html
  it('gives the MSK event source mapping what osls does not compile: partial batches, on-failure destination, retry limits, provisioned pollers', () => {
    const esm = props(ESM);

    expect(esm).toMatchObject({
      BatchSize: 10_000,
      MaximumBatchingWindowInSeconds: 30,
      StartingPosition: 'TRIM_HORIZON',
      AmazonManagedKafkaEventSourceConfig: { ConsumerGroupId: 'realty-transform' },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 86400,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['DataBucket', 'Arn'] } } },
      ProvisionedPollerConfig: { MinimumPollers: 1, MaximumPollers: 3 },
    });
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-msk-topic.html: Ref is the topic ARN
  // (arn:...:topic/<cluster>/<uuid>/<name>); replication 3 for a three-AZ cluster:
  // https://docs.aws.amazon.com/msk/latest/developerguide/version-upgrades-best-practices.html
  it('creates the listings topic at deploy with replication 3, and no Lambda may create topics', () => {
    const topic = resources['ListingsTopic']!;
    const ingestActions = iamStatements(resources['IngestRole']!).flatMap((s) => s.Action);

    expect(topic).toMatchObject({
      Type: 'AWS::MSK::Topic',
      Condition: 'CreatesTopic',
      Properties: {
        ClusterArn: { Ref: 'MskClusterArn' },
        TopicName: 'realty.listings.v1',
        PartitionCount: 6,
        ReplicationFactor: 3,
      },
    });
    expect(template.Conditions?.['CreatesTopic']).toEqual({ 'Fn::Equals': [{ Ref: 'CreateTopic' }, 'true'] });
    expect(JSON.stringify(template)).not.toContain('kafka-cluster:CreateTopic');
    expect(ingestActions).toEqual(
      expect.arrayContaining(['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData']),
    );
    // The mapping names the topic through the topic resource when the stack creates it: it waits for the topic.
    expect(props(ESM)['Topics']).toEqual([
      {
        'Fn::If': [
          'CreatesTopic',
          { 'Fn::Select': [3, { 'Fn::Split': ['/', { Ref: 'ListingsTopic' }] }] },
          'realty.listings.v1',
        ],
      },
    ]);
  });

  // CloudFormation cannot create a SecureString ("SecureString isn't currently supported for CloudFormation
  // templates": https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html), and SSM
  // refuses to change an existing parameter's type; so the stack creates no parameter at all.
  it('creates no SSM parameter, and lets the ingest read the SecureString the operator creates before deploying', () => {
    const ingest = iamStatements(resources['IngestRole']!);
    const read = ingest.find((s) => s.Action.includes('ssm:GetParameter'));

    expect(resourcesOfType(template, 'AWS::SSM::Parameter')).toEqual([]);
    expect(JSON.stringify(read?.Resource)).toContain(':parameter/realty/dev/api-key');
    expect(props('IngestLambdaFunction')['Environment']).toMatchObject({
      Variables: { REALTY_API_KEY_PARAMETER: '/realty/dev/api-key' },
    });
  });

  it('lets the transform role describe MSK Serverless and read the topic as its consumer group over IAM auth', () => {
    const actions = iamStatements(resources['TransformRole']!).flatMap((s) => s.Action);

    expect(actions).toEqual(
      expect.arrayContaining([
        'kafka:DescribeClusterV2',
        'kafka:GetBootstrapBrokers',
        'kafka-cluster:Connect',
        'kafka-cluster:DescribeTopic',
        'kafka-cluster:ReadData',
        'kafka-cluster:DescribeGroup',
        'kafka-cluster:AlterGroup',
      ]),
    );
  });

  it('grants no wildcard action anywhere, and "*" resources only where the service has no resource-level permissions', () => {
    const roles = resourcesOfType(template, 'AWS::IAM::Role').filter(
      ([id]) => !id.startsWith('IamRoleLambdaExecution'),
    );
    const statements = roles.flatMap(([, role]) => iamStatements(role));

    for (const statement of statements) {
      for (const action of statement.Action) expect(action, JSON.stringify(statement)).not.toContain('*');
      if (JSON.stringify(statement.Resource) === '"*"') {
        const allowed = statement.Action.every(
          (a) => a.startsWith('ec2:') || a === 'cloudwatch:PutMetricData',
        );
        expect(allowed, JSON.stringify(statement)).toBe(true);
      }
    }
    expect(statements.length).toBeGreaterThan(20);
  });

  it('keeps the data bucket encrypted, private, TLS-only and expiring raw/ and dead-letter/', () => {
    const bucket = props('DataBucket');
    const policy = JSON.stringify(props('DataBucketPolicy'));
    const rules = (
      bucket['LifecycleConfiguration'] as { Rules: { Prefix?: string; ExpirationInDays?: number }[] }
    ).Rules;

    expect(JSON.stringify(bucket['BucketEncryption'])).toContain('AES256');
    expect(bucket['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(policy).toContain('"aws:SecureTransport":"false"');
    expect(policy).toContain('"Effect":"Deny"');
    expect(rules.find((r) => r.Prefix === 'raw/')?.ExpirationInDays).toBeGreaterThan(0);
    expect(rules.find((r) => r.Prefix === 'dead-letter/')?.ExpirationInDays).toBeGreaterThan(0);
  });

  it('defines the Glue tables as Parquet with exactly the columns and partition keys the code writes', () => {
    const table = (id: string) =>
      props(id)['TableInput'] as {
        PartitionKeys: unknown;
        StorageDescriptor: { Columns: unknown; SerdeInfo: { SerializationLibrary: string } };
      };
    const glue = (columns: readonly { name: string; type: ColumnType }[]) =>
      columns.map((c) => ({ Name: c.name, Type: hiveTypeOf(c.type) }));
    const expected = {
      ListingsRawTable: { columns: glue(RAW_COLUMNS), keys: glue(RAW_PARTITION_KEYS) },
      ListingsHistoryTable: {
        columns: glue(historyTableDefinition('x').columns),
        keys: glue(historyTableDefinition('x').partitionKeys),
      },
      ListingsCurrentTable: {
        columns: glue(currentTableDefinition('x').columns),
        keys: glue(currentTableDefinition('x').partitionKeys),
      },
      MarketWeeklyTable: {
        columns: glue(marketWeeklyTableDefinition('x').columns),
        keys: glue(marketWeeklyTableDefinition('x').partitionKeys),
      },
      ListingOutcomesTable: {
        columns: glue(listingOutcomesTableDefinition('x').columns),
        keys: glue(listingOutcomesTableDefinition('x').partitionKeys),
      },
      PriceChangesTable: {
        columns: glue(priceChangesTableDefinition('x').columns),
        keys: glue(priceChangesTableDefinition('x').partitionKeys),
      },
    };

    for (const [id, { columns, keys }] of Object.entries(expected)) {
      expect(table(id).StorageDescriptor.Columns, id).toEqual(columns);
      expect(table(id).PartitionKeys, id).toEqual(keys);
      expect(table(id).StorageDescriptor.SerdeInfo.SerializationLibrary).toBe(
        'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
      );
    }
  });

  // IAM checks BatchCreatePartition against the catalog, the database and the table ARN
  // (https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html): a curated table missing
  // from the list is AccessDenied in AWS, while moto and the local catalog never check it.
  it('lets catalog-sync register partitions of every curated table the compaction job writes, and of no other', () => {
    const register = iamStatements(resources['CatalogSyncRole']!).find((s) =>
      [s.Action].flat().includes('glue:BatchCreatePartition'),
    )!;
    const tables = [register.Resource]
      .flat()
      .map((arn) => JSON.stringify(arn).match(/:table\/[^/]+\/([a-z_]+)/)?.[1])
      .filter((name) => name !== undefined);

    expect(tables.toSorted()).toEqual(
      curatedTableDefinitions('x')
        .map((t) => t.name)
        .toSorted(),
    );
  });

  it('runs the compaction on Glue 5 from the script in jobs/, bookmarks off, one run at a time', () => {
    const job = props('CompactionJob');

    expect(job['GlueVersion']).toBe('5.0');
    expect(JSON.stringify((job['Command'] as { ScriptLocation: unknown }).ScriptLocation)).toContain(
      '/glue/scripts/compact_listings.py',
    );
    expect((job['DefaultArguments'] as Record<string, unknown>)['--job-bookmark-option']).toBe(
      'job-bookmark-disable',
    );
    expect(job['ExecutionProperty']).toEqual({ MaxConcurrentRuns: 1 });
  });

  // Athena runs `CREATE OR REPLACE VIEW db.view` in the database it names; the stack's tables are in realty_<stage>.
  it("deploys every investor view as a named CREATE OR REPLACE VIEW query in the stage's database, built from jobs/views/*.sql", async () => {
    const queries = resourcesOfType(template, 'AWS::Athena::NamedQuery').map(
      ([, r]) => r.Properties as { Name: string; QueryString: string },
    );

    for (const view of [
      'market_summary',
      'price_history',
      'rental_yield',
      'deal_screen',
      'market_momentum',
    ]) {
      const sql = (await readFile(path.join(process.cwd(), 'jobs', 'views', `${view}.sql`), 'utf8')).trim();
      const query = queries.find((q) => q.Name === `create-view-${view.replace(/_/g, '-')}`);
      expect(query?.QueryString).toBe(
        `CREATE OR REPLACE VIEW realty_dev.${view} AS\n${sql.replace(/;\s*$/, '')}`,
      );
      expect((query as { Database?: string } | undefined)?.Database).toBe('realty_dev');
    }
  });

  it('gives the Athena workgroup an enforced result location and a bytes-scanned limit', () => {
    const config = props('AthenaWorkGroup')['WorkGroupConfiguration'] as Record<string, unknown>;

    expect(config['EnforceWorkGroupConfiguration']).toBe(true);
    expect(config['BytesScannedCutoffPerQuery']).toBe(10737418240);
    expect(JSON.stringify(config['ResultConfiguration'])).toContain('/athena-results/');
  });

  it('passes cfn-lint with no errors', async () => {
    const venv = (
      await run('bash', [path.join(repoRoot, 'scripts', 'python-env.sh')], {
        cwd: repoRoot,
        timeout: 600_000,
      })
    ).stdout.trim();
    const templateFile = path.join(outDir, 'cloudformation-template-update-stack.json');

    // Exit status is a bit mask: 2 errors, 4 warnings, 8 informational; W3005 comes from osls's own DependsOn.
    const result = await run(path.join(venv, 'bin', 'cfn-lint'), [
      '--ignore-checks',
      'W3005',
      '--',
      templateFile,
    ]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );

    expect(result.code & 2, result.stdout).toBe(0);
  }, 600_000);

  it('bundles each function on its own, without DuckDB, the AWS SDK v2 or test code, and reports the sizes', async () => {
    const sizes: Record<string, number> = {};
    for (const fn of FUNCTIONS) {
      const zip = path.join(outDir, `${fn}.zip`);
      sizes[fn] = (await stat(zip)).size;
      const { stdout: listing } = await run('unzip', ['-Z1', zip]);
      const { stdout: map } = await run('unzip', ['-p', zip, `handlers/${fn}.cjs.map`], {
        maxBuffer: 256 * 1024 * 1024,
      });
      const sources = (JSON.parse(map) as { sources: string[] }).sources;

      expect(listing.split('\n').filter(Boolean).sort()).toEqual([
        `handlers/${fn}.cjs`,
        `handlers/${fn}.cjs.map`,
      ]);
      expect(
        sources.filter((s) => /node_modules\/(@duckdb|duckdb|aws-sdk|vitest|fast-check)\//.test(s)),
      ).toEqual([]);
      expect(sources.filter((s) => /(^|\/)test\//.test(s.replace(/^.*node_modules\/.*$/, '')))).toEqual([]);
    }
    console.log(`bundle sizes (zip bytes): ${JSON.stringify(sizes)}`);
  });

  it('gives another stage its own names', async () => {
    const result = await sls(['print', '--stage', 'qa', '--format', 'json'], offlineEnv(), 120_000);
    const printed = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      provider: { environment: Record<string, string> };
      resources: { Resources: Record<string, Resource> };
    };

    expect(result.code, result.stderr).toBe(0);
    expect(printed.provider.environment['REALTY_DATABASE']).toBe('realty_qa');
    expect(printed.provider.environment['REALTY_GLUE_JOB']).toBe('realty-pipeline-qa-compact');
    expect(printed.provider.environment['REALTY_BUCKET']).toBe('realty-pipeline-qa-us-east-1-data');
    expect(printed.resources.Resources['AthenaWorkGroup']?.Properties?.['Name']).toBe('realty-qa');
    expect(printed.resources.Resources['NamedQueryViewMarketSummary']?.Properties?.['QueryString']).toMatch(
      /^CREATE OR REPLACE VIEW realty_qa\.market_summary AS\n/,
    );
  }, 180_000);
});
