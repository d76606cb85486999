import { describe, expect, it } from 'vitest';
import { FIRST_RUN_DAYS, marketDaysToRun } from '../../../src/local/market-state.js';

describe('marketDaysToRun', () => {
  it('backfills a week and a day on the first run over the sandbox, so week-over-week views have a week to compare', () => {
    expect(marketDaysToRun(undefined, { daysRun: 0, simulated: true })).toBe(FIRST_RUN_DAYS);
    expect(FIRST_RUN_DAYS).toBe(8);
  });

  it('runs one market day on every later run', () => {
    expect(marketDaysToRun(undefined, { daysRun: 1, simulated: true })).toBe(1);
    expect(marketDaysToRun(undefined, { daysRun: 8, simulated: true })).toBe(1);
  });

  it('runs what the user asked for, first run or not', () => {
    expect(marketDaysToRun(1, { daysRun: 0, simulated: true })).toBe(1);
    expect(marketDaysToRun(14, { daysRun: 30, simulated: true })).toBe(14);
  });

  it('fetches a real API once: its market is today, there is nothing to backfill', () => {
    expect(marketDaysToRun(undefined, { daysRun: 0, simulated: false })).toBe(1);
  });

  it('resumes the days an interrupted run planned (issue 18: Ctrl-C in the backfill left 3 days of 8)', () => {
    expect(marketDaysToRun(undefined, { daysRun: 3, simulated: true, plannedThrough: FIRST_RUN_DAYS })).toBe(
      FIRST_RUN_DAYS - 3,
    );
    expect(marketDaysToRun(undefined, { daysRun: 0, simulated: true, plannedThrough: FIRST_RUN_DAYS })).toBe(
      FIRST_RUN_DAYS,
    );
  });

  it('runs one day again once the plan is done, and the days asked for whatever the plan', () => {
    expect(marketDaysToRun(undefined, { daysRun: 8, simulated: true, plannedThrough: 8 })).toBe(1);
    expect(marketDaysToRun(2, { daysRun: 3, simulated: true, plannedThrough: 8 })).toBe(2);
  });
});
