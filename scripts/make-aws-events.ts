// Writes the sample EventBridge events in events/ for the scheduled and Glue-triggered functions, in the real
// shapes of ../shared/fixtures/aws-events/ (the SAM CLI scheduled event, the Glue docs' state-change event)
// with this stack's names. Run: npx tsx scripts/make-aws-events.ts
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.join(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, '..', 'shared', 'fixtures', 'aws-events');
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const JOB = 'realty-pipeline-dev-compact';
const RUN_ID = 'jr_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';

async function fixture(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

async function write(name: string, event: unknown): Promise<void> {
  const file = path.join(ROOT, 'events', name);
  await writeFile(file, `${JSON.stringify(event, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
  const scheduled = await fixture('sam-cli_cloudwatch_ScheduledEvent.rendered.json');
  await write('schedule.json', {
    ...scheduled,
    version: '0',
    id: '5b3ae8f0-9c1d-4e2a-8f7b-2d6c1a0e9b41',
    account: ACCOUNT,
    time: '2026-11-21T02:30:00Z',
    region: REGION,
    resources: [
      `arn:aws:events:${REGION}:${ACCOUNT}:rule/realty-pipeline-dev-CompactDashtriggerEventsRuleSchedu-1A2B3C4D5E6F`,
    ],
  });
  const succeeded = await fixture('glue_job_state_change_SUCCEEDED_awsdocs_example.json');
  const detail = succeeded['detail'] as Record<string, unknown>;
  const base = { ...succeeded, account: ACCOUNT, region: REGION, time: '2026-11-21T02:41:07Z' };
  await write('glue-job-succeeded.json', {
    ...base,
    id: '7c9d2e4f-1a3b-4c5d-8e9f-0a1b2c3d4e5f',
    detail: {
      ...detail,
      jobName: JOB,
      jobRunId: RUN_ID,
      state: 'SUCCEEDED',
      severity: 'INFO',
      message: 'Job run succeeded',
    },
  });
  await write('glue-job-failed.json', {
    ...base,
    id: '8d0e3f5a-2b4c-4d6e-9fa0-1b2c3d4e5f60',
    detail: {
      ...detail,
      jobName: JOB,
      jobRunId: RUN_ID,
      state: 'FAILED',
      severity: 'ERROR',
      message:
        'AnalysisException: Path does not exist: s3://realty-123456789012-us-east-1-dev/raw/listings/dt=2026-11-21',
    },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
