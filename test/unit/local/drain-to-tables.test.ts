import { describe, expect, it } from 'vitest';
import { transformThreads, triggerLanes } from '../../../src/local/drain-to-tables.js';

describe('the local trigger on a machine of n cores', () => {
  it('keeps one batch in flight per core, at least 2, unless REALTY_TRIGGER_CONCURRENCY says otherwise', () => {
    expect([1, 2, 4, 8].map((cores) => triggerLanes({ triggerConcurrency: undefined }, cores))).toEqual([
      2, 2, 4, 8,
    ]);
    expect(triggerLanes({ triggerConcurrency: 0 }, 8)).toBe(0);
    expect(triggerLanes({ triggerConcurrency: 3 }, 2)).toBe(3);
  });

  it('runs the handler in the trigger thread on 2 cores or fewer, and on one worker per core beyond two, at most one per lane', () => {
    expect(
      [1, 2, 3, 4, 8].map((cores) =>
        transformThreads(triggerLanes({ triggerConcurrency: undefined }, cores), cores),
      ),
    ).toEqual([0, 0, 1, 2, 6]);
    expect(transformThreads(2, 16)).toBe(2);
  });
});
