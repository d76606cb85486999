import { expect } from 'vitest';
import type { ReconcileReport } from '../../../../src/pipeline/reconcile.js';

/**
 * The end of every fault case: every fetched record is in raw or dead-letter, none pending or lost, the
 * curated tables hold each of the run's listing-days once, and dead letters are not duplicated.
 */
export function expectNothingLost(report: ReconcileReport): void {
  const context = JSON.stringify({ ...report, duplicateSamples: report.duplicateSamples.slice(0, 5) });
  expect(report.exact, context).toBe(true);
  expect(report.lost, context).toBe(0);
  expect(report.pending, context).toBe(0);
  expect(report.gaps, context).toEqual([]);
  expect(report.raw + report.deadLettered, context).toBe(report.fetched);
  expect(report.duplicates.deadLetter, context).toBe(0);
  expect(report.duplicates.crossed, context).toBe(0);
  expect(report.curated, context).not.toBeNull();
  for (const table of [report.curated?.history, report.curated?.current]) {
    expect(table, context).toBeTruthy();
    expect(table?.duplicates, context).toBe(0);
    expect(table?.missing, context).toBe(0);
  }
  expect(report.ok, context).toBe(true);
}
