import { describe, expect, it } from 'vitest';
import { EventError } from '../../../src/errors.js';
import {
  type JobRun,
  type JobRunner,
  parseScheduledEvent,
  startCompaction,
  utcDayBefore,
} from '../../../src/pipeline/start-compaction.js';
import { hasSharedFixtures, loadFixture } from '../../helpers/fixtures.js';

/** A job service that keeps its runs in memory: the port's behaviour, not an SDK mock. */
function jobsWith(active: JobRun[]) {
  const started: { jobName: string; args: Record<string, string> }[] = [];
  const jobs: JobRunner = {
    activeRuns: async () => active,
    start: async (jobName, args) => {
      started.push({ jobName, args });
      return `jr_${started.length}`;
    },
  };
  return { jobs, started };
}

const event = (time: string) => ({
  id: 'evt-1',
  'detail-type': 'Scheduled Event' as const,
  source: 'aws.events' as const,
  time,
});

describe('startCompaction', () => {
  it('starts one run over the raw partitions from the lookback day to the schedule day', async () => {
    const { jobs, started } = jobsWith([]);

    const outcome = await startCompaction(event('2026-03-01T02:30:00Z'), {
      jobs,
      jobName: 'compact',
      lookbackDays: 2,
    });

    expect(outcome).toEqual({
      action: 'started',
      jobRunId: 'jr_1',
      dtFrom: '2026-02-27',
      dtTo: '2026-03-01',
    });
    expect(started).toEqual([
      {
        jobName: 'compact',
        args: { '--dt_from': '2026-02-27', '--dt_to': '2026-03-01', '--trigger_id': 'evt-1' },
      },
    ]);
  });

  it('starts nothing while a run is still active, and says which', async () => {
    const { jobs, started } = jobsWith([{ id: 'jr_running', state: 'RUNNING', startedAt: 1 }]);

    const outcome = await startCompaction(event('2026-03-01T02:30:00Z'), {
      jobs,
      jobName: 'compact',
      lookbackDays: 2,
    });

    expect(outcome).toMatchObject({ action: 'skipped', activeRunIds: ['jr_running'] });
    expect(started).toEqual([]);
  });

  it('counts days in UTC across month and year ends', () => {
    expect(utcDayBefore('2026-01-01T00:10:00Z', 1)).toBe('2025-12-31');
    expect(utcDayBefore('2024-03-01T23:59:59Z', 1)).toBe('2024-02-29');
    expect(utcDayBefore('2026-11-21T02:30:00+05:00', 0)).toBe('2026-11-20');
  });
});

describe.skipIf(!hasSharedFixtures)('parseScheduledEvent', () => {
  it('accepts the scheduled event EventBridge sends', () => {
    const real = loadFixture('aws-events', 'sam-cli_cloudwatch_ScheduledEvent.rendered.json');

    expect(parseScheduledEvent(real)).toMatchObject({
      'detail-type': 'Scheduled Event',
      time: '1970-01-01T00:00:00Z',
    });
  });

  it('rejects another EventBridge event with an EventError naming the field', () => {
    const other = loadFixture('aws-events', 'powertools-python_eventBridgeEvent.json');

    expect(() => parseScheduledEvent(other)).toThrow(EventError);
    expect(() => parseScheduledEvent(other)).toThrow(/detail-type/);
  });
});
