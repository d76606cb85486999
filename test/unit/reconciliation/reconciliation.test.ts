import { describe, expect, it } from 'vitest';
import { rangesOfOffsets } from '../../../src/msk/offset-ranges.js';
import type { ReconcileFacts, RecordRef, RunLedger } from '../../../src/reconciliation/reconcile-facts.js';
import { reconcileRecords } from '../../../src/reconciliation/reconciliation.js';

const T = 'realty.listings.v1';

function run(overrides: Partial<RunLedger> = {}): RunLedger {
  return {
    runId: 'r1-d0',
    startedAt: Date.parse('2026-11-20T10:00:00Z'),
    finishedAt: Date.parse('2026-11-20T10:01:00Z'),
    fetched: 15,
    produced: 15,
    failedAreas: 0,
    producedOffsets: [
      { topic: T, partition: 0, ranges: [{ first: 0, last: 9 }] },
      { topic: T, partition: 1, ranges: [{ first: 0, last: 4 }] },
    ],
    ...overrides,
  };
}

const ref = (partition: number, offset: number): RecordRef => ({ topic: T, partition, offset });

function written(p0: number[], p1: number[]) {
  return [
    { topic: T, partition: 0, ranges: rangesOfOffsets(p0) },
    { topic: T, partition: 1, ranges: rangesOfOffsets(p1) },
  ];
}

function facts(overrides: Partial<ReconcileFacts> = {}): ReconcileFacts {
  return {
    runs: [run()],
    raw: { rows: 14, written: written([0, 1, 2, 4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 4]), duplicates: [] },
    deadLetters: [ref(0, 3)],
    onFailure: [],
    group: {
      committed: [
        { topic: T, partition: 0, offset: 10 },
        { topic: T, partition: 1, offset: 5 },
      ],
      ends: [
        { topic: T, partition: 0, offset: 10 },
        { topic: T, partition: 1, offset: 5 },
      ],
    },
    curated: null,
    ...overrides,
  };
}

describe('reconcileRecords', () => {
  it('names a run whose ingest log is still started, with what it logged, and is not ok', () => {
    const killed = run({ runId: 'r2-d0', status: 'started', fetched: 4, produced: 4, producedOffsets: [] });

    const result = reconcileRecords(facts({ runs: [run({ status: 'completed' }), killed] }));

    expect(result.incomplete).toEqual([
      { runId: 'r2-d0', fetched: 4, produced: 4, savedAt: killed.finishedAt },
    ]);
    expect(result.lost).toBe(0);
    expect(result.ok).toBe(false);
  });

  it('counts completed, failed and status-less (older) run logs as finished', () => {
    for (const status of ['completed', 'failed', undefined] as const) {
      const result = reconcileRecords(facts({ runs: [run(status ? { status } : {})] }));

      expect(result.incomplete).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it('accounts for every fetched record as raw or dead-lettered when nothing went missing', () => {
    const result = reconcileRecords(facts());

    expect(result).toMatchObject({
      runs: ['r1-d0'],
      exact: true,
      fetched: 15,
      produced: 15,
      delivered: 15,
      raw: 14,
      deadLettered: 1,
      invalid: 1,
      lost: 0,
      pending: 0,
      duplicated: 0,
      gaps: [],
      ok: true,
    });
  });

  it('names the offsets of records committed past but found nowhere as lost', () => {
    const result = reconcileRecords(
      facts({ raw: { rows: 11, written: written([0, 1, 2, 4, 8, 9], [0, 1, 2, 3, 4]), duplicates: [] } }),
    );

    expect(result.lost).toBe(3);
    expect(result.gaps).toEqual([{ kind: 'lost', topic: T, partition: 0, first: 5, last: 7, count: 3 }]);
    expect(result.ok).toBe(false);
  });

  it('calls records the group has not committed past pending, not lost', () => {
    const group = {
      committed: [
        { topic: T, partition: 0, offset: 5 },
        { topic: T, partition: 1, offset: 5 },
      ],
      ends: [
        { topic: T, partition: 0, offset: 10 },
        { topic: T, partition: 1, offset: 5 },
      ],
    };

    const result = reconcileRecords(
      facts({ group, raw: { rows: 9, written: written([0, 1, 2, 4], [0, 1, 2, 3, 4]), duplicates: [] } }),
    );

    expect(result).toMatchObject({ lost: 0, pending: 5, delivered: 10, ok: true });
    expect(result.gaps).toEqual([{ kind: 'pending', topic: T, partition: 0, first: 5, last: 9, count: 5 }]);
    expect(result.group).toEqual({ committed: 10, end: 15, lag: 5 });
  });

  it('counts copies in raw, repeated dead letters and records in two places as duplicated', () => {
    const result = reconcileRecords(
      facts({
        raw: {
          rows: 17,
          written: written([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 4]),
          duplicates: [{ ...ref(0, 1), copies: 3 }],
        },
        deadLetters: [ref(0, 3), ref(0, 3)],
      }),
    );

    expect(result.duplicates).toEqual({ raw: 2, deadLetter: 1, onFailure: 0, crossed: 1 });
    expect(result.duplicated).toBe(4);
    expect(result.raw).toBe(15);
    expect(result.deadLettered).toBe(0);
    expect(result.lost).toBe(0);
    expect(result.duplicateSamples).toEqual([{ ...ref(0, 1), copies: 3 }]);
  });

  it('counts records the ingest fetched but could not produce as lost', () => {
    const result = reconcileRecords(facts({ runs: [run({ fetched: 17 })] }));

    expect(result).toMatchObject({ fetched: 17, produced: 15, notProduced: 2, lost: 2, ok: false });
  });

  it('counts records given up to the on-failure destination as dead-lettered', () => {
    const result = reconcileRecords(
      facts({
        raw: { rows: 12, written: written([0, 1, 2, 4, 5, 6, 7], [0, 1, 2, 3, 4]), duplicates: [] },
        onFailure: [ref(0, 8), ref(0, 9)],
      }),
    );

    expect(result).toMatchObject({ deadLettered: 3, invalid: 1, onFailure: 2, lost: 0 });
  });

  it('leaves out records of other runs that share the dead-letter prefix', () => {
    const result = reconcileRecords(facts({ deadLetters: [ref(0, 3), ref(0, 42), ref(7, 0)] }));

    expect(result).toMatchObject({ deadLettered: 1, duplicated: 0, lost: 0 });
  });

  it('falls back to counts when a run log predates recorded offsets, and says the result is not exact', () => {
    const result = reconcileRecords(
      facts({
        runs: [run({ producedOffsets: null })],
        raw: { rows: 12, written: written([0, 1, 2, 4, 5, 6, 7], [0, 1, 2, 3, 4]), duplicates: [] },
      }),
    );

    expect(result).toMatchObject({ exact: false, raw: 12, deadLettered: 1, lost: 2, gaps: [] });
  });

  it('adds up several runs of one selection', () => {
    const second = run({
      runId: 'r1-d1',
      fetched: 2,
      produced: 2,
      producedOffsets: [{ topic: T, partition: 0, ranges: [{ first: 10, last: 11 }] }],
    });
    const ends = [
      { topic: T, partition: 0, offset: 12 },
      { topic: T, partition: 1, offset: 5 },
    ];

    const result = reconcileRecords(
      facts({
        runs: [run(), second],
        raw: {
          rows: 16,
          written: written([0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11], [0, 1, 2, 3, 4]),
          duplicates: [],
        },
        group: { committed: ends, ends },
      }),
    );

    expect(result).toMatchObject({
      runs: ['r1-d0', 'r1-d1'],
      fetched: 17,
      raw: 16,
      deadLettered: 1,
      lost: 0,
    });
  });

  it('fails the reconciliation when a curated table holds a duplicate', () => {
    const curated = {
      history: { table: 'listings_history', expected: 14, present: 14, missing: 0, duplicates: 1 },
      current: null,
    };

    const result = reconcileRecords(facts({ curated }));

    expect(result.curated).toEqual(curated);
    expect(result.ok).toBe(false);
  });

  it('fails the reconciliation when a curated table misses rows of the runs (issue 18: ok ignored them)', () => {
    const curated = {
      history: { table: 'listings_history', expected: 14, present: 12, missing: 2, duplicates: 0 },
      current: { table: 'listings_current', expected: 10, present: 10, missing: 0, duplicates: 0 },
    };

    const result = reconcileRecords(facts({ curated }));

    expect(result.lost).toBe(0);
    expect(result.ok).toBe(false);
  });

  it('stops naming an interrupted market day once a later run completed that day (issue 18)', () => {
    const killed = run({
      runId: 'first-d3',
      status: 'started',
      fetched: 4,
      produced: 4,
      producedOffsets: [],
    });
    const redoneDay = run({
      runId: 'again-d3',
      status: 'completed',
      startedAt: killed.startedAt + 60_000,
      fetched: 0,
      produced: 0,
      producedOffsets: [],
    });

    const result = reconcileRecords(facts({ runs: [run({ status: 'completed' }), killed, redoneDay] }));

    expect(result.incomplete).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('keeps naming it while no run completed that market day', () => {
    const killed = run({
      runId: 'first-d3',
      status: 'started',
      fetched: 4,
      produced: 4,
      producedOffsets: [],
    });
    const otherDay = run({
      runId: 'again-d4',
      status: 'completed',
      startedAt: killed.startedAt + 60_000,
      fetched: 0,
      produced: 0,
      producedOffsets: [],
    });

    const result = reconcileRecords(facts({ runs: [run({ status: 'completed' }), killed, otherDay] }));

    expect(result.incomplete.map((r) => r.runId)).toEqual(['first-d3']);
  });
});
