import { COMPACTION_STEPS, type CompactionProgress, type CompactionStep } from '../../ports/compactor.js';

/** Reports a step by name, with how many of the run's steps came before it. */
export function progressReporter(
  onProgress: ((progress: CompactionProgress) => void) | undefined,
): (step: CompactionStep) => void {
  return (step) =>
    onProgress?.({ step, done: COMPACTION_STEPS.indexOf(step), total: COMPACTION_STEPS.length });
}
