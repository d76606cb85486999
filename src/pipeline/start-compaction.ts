import * as v from 'valibot';
import { EventError } from '../errors.js';

/** A run of a batch job, as the job service reports it. */
export interface JobRun {
  id: string;
  state: string;
  startedAt: number | null;
}

/** Starts and inspects runs of one batch job (the Glue compaction job in production). */
export interface JobRunner {
  /** Runs of the job that have not ended (starting, running, stopping, waiting). */
  activeRuns(jobName: string): Promise<JobRun[]>;
  /** Starts a run with these arguments; resolves with its id. */
  start(jobName: string, args: Record<string, string>): Promise<string>;
}

export interface StartCompactionDeps {
  jobs: JobRunner;
  jobName: string;
  /** How many days back from the event's day the run compacts: late records land in earlier dt partitions. */
  lookbackDays: number;
}

export type StartCompactionOutcome =
  | { action: 'started'; jobRunId: string; dtFrom: string; dtTo: string }
  | { action: 'skipped'; reason: string; activeRunIds: string[] };

// EventBridge's scheduled event: https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-scheduled.html
const ScheduledEventSchema = v.looseObject({
  id: v.string(),
  'detail-type': v.literal('Scheduled Event'),
  source: v.literal('aws.events'),
  time: v.pipe(v.string(), v.isoTimestamp('must be an ISO-8601 time like 2026-11-20T02:15:00Z')),
});
export type ScheduledEvent = v.InferOutput<typeof ScheduledEventSchema>;

/** The scheduled event, checked; throws EventError naming the first wrong field. */
export function parseScheduledEvent(input: unknown): ScheduledEvent {
  const result = v.safeParse(ScheduledEventSchema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '(event)';
  throw new EventError(
    `not an EventBridge Scheduled Event: ${path} ${issue?.message ?? 'is invalid'}; invoke with events/schedule.json's shape`,
  );
}

/** 'YYYY-MM-DD' of the UTC day `days` before the instant `iso`. */
export function utcDayBefore(iso: string, days: number): string {
  const day = new Date(iso);
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
}

/**
 * Starts one compaction run over the raw partitions from `lookbackDays` before the event's day to that day,
 * unless a run is still active: two runs rewriting the same partitions would race.
 */
export async function startCompaction(
  event: ScheduledEvent,
  deps: StartCompactionDeps,
): Promise<StartCompactionOutcome> {
  const active = await deps.jobs.activeRuns(deps.jobName);
  if (active.length > 0) {
    return {
      action: 'skipped',
      reason: `${deps.jobName} has ${active.length} run(s) still active; the next schedule will compact what this one would have`,
      activeRunIds: active.map((run) => run.id),
    };
  }
  const dtFrom = utcDayBefore(event.time, deps.lookbackDays);
  const dtTo = utcDayBefore(event.time, 0);
  const jobRunId = await deps.jobs.start(deps.jobName, {
    '--dt_from': dtFrom,
    '--dt_to': dtTo,
    '--trigger_id': event.id,
  });
  return { action: 'started', jobRunId, dtFrom, dtTo };
}
