import { GetJobRunsCommand, type GlueClient, StartJobRunCommand } from '@aws-sdk/client-glue';
import type { JobRun, JobRunner } from '../../pipeline/start-compaction.js';
import { catalogErrorOf, glueErrorName } from './glue-errors.js';

// Glue's JobRunState values of a run that has not ended.
const ACTIVE_STATES = new Set(['STARTING', 'RUNNING', 'STOPPING', 'WAITING']);

/** Runs of Glue jobs: GetJobRuns (newest first; active runs are always on the first page) and StartJobRun. */
export function createGlueJobRunner(client: GlueClient): JobRunner {
  return {
    async activeRuns(jobName) {
      const page = await client
        .send(new GetJobRunsCommand({ JobName: jobName, MaxResults: 50 }))
        .catch((error: unknown) => {
          throw catalogErrorOf(error, `read the runs of Glue job ${jobName}`);
        });
      return (page.JobRuns ?? [])
        .filter((run) => ACTIVE_STATES.has(run.JobRunState ?? ''))
        .map(
          (run): JobRun => ({
            id: run.Id ?? '',
            state: run.JobRunState ?? '',
            startedAt: run.StartedOn?.getTime() ?? null,
          }),
        );
    },

    async start(jobName, args) {
      try {
        const response = await client.send(new StartJobRunCommand({ JobName: jobName, Arguments: args }));
        return response.JobRunId ?? '';
      } catch (error) {
        const hint =
          glueErrorName(error) === 'EntityNotFoundException'
            ? `start Glue job ${jobName} (it does not exist: deploy the stack, or set REALTY_GLUE_JOB)`
            : `start Glue job ${jobName}`;
        throw catalogErrorOf(error, hint);
      }
    },
  };
}
