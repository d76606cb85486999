import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangesOfOffsets } from '../../../src/msk/offset-ranges.js';
import type { ReconcileFacts, RunLedger } from '../../../src/reconciliation/reconcile-facts.js';
import { reconcileRecords } from '../../../src/reconciliation/reconciliation.js';

// Issue 18: `ok` must be true exactly when the independent sources agree. The damage is drawn at
// random: records lost from raw (a raw file lost or quarantined), records dead-lettered, rows missing
// from or doubled in a curated table, a run that fetched more than it produced, a run killed mid-way.
const T = 'realty.listings.v1';

const world = fc.record({
  produced: fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 3 }),
  placement: fc.array(fc.constantFrom('raw', 'raw', 'raw', 'dead-letter', 'gone'), {
    minLength: 120,
    maxLength: 120,
  }),
  curatedMissing: fc.constantFrom(0, 0, 1, 5),
  curatedDuplicates: fc.constantFrom(0, 0, 1),
  notProduced: fc.constantFrom(0, 0, 3),
  killed: fc.boolean(),
});

describe('reconcileRecords, property', () => {
  it('is ok exactly when every produced record is in raw or dead-letter, the curated tables hold the runs whole, and every run finished', () => {
    fc.assert(
      fc.property(world, (w) => {
        const perPartition = w.produced.map((count) => Array.from({ length: count }, (_, offset) => offset));
        const at = (partition: number, offset: number) => w.placement[(partition * 41 + offset) % 120];
        const keep = (where: string) =>
          perPartition.map((offsets, partition) => ({
            topic: T,
            partition,
            ranges: rangesOfOffsets(offsets.filter((offset) => at(partition, offset) === where)),
          }));
        const total = perPartition.flat().length;
        const runs: RunLedger[] = [
          {
            runId: 'r1-d0',
            startedAt: 0,
            finishedAt: 1,
            fetched: total + w.notProduced,
            produced: total,
            failedAreas: 0,
            producedOffsets: perPartition.map((offsets, partition) => ({
              topic: T,
              partition,
              ranges: rangesOfOffsets(offsets),
            })),
            status: w.killed ? 'started' : 'completed',
          },
        ];
        const ends = perPartition.map((offsets, partition) => ({
          topic: T,
          partition,
          offset: offsets.length,
        }));
        const facts: ReconcileFacts = {
          runs,
          raw: { rows: 0, written: keep('raw'), duplicates: [] },
          deadLetters: keep('dead-letter').flatMap((p) =>
            p.ranges.flatMap((r) =>
              Array.from({ length: r.last - r.first + 1 }, (_, i) => ({
                topic: T,
                partition: p.partition,
                offset: r.first + i,
              })),
            ),
          ),
          onFailure: [],
          group: { committed: ends, ends },
          curated: {
            history: {
              table: 'listings_history',
              expected: 50,
              present: 50 - w.curatedMissing,
              missing: w.curatedMissing,
              duplicates: w.curatedDuplicates,
            },
            current: null,
          },
        };
        // The truth, counted without the reconciler: offsets placed nowhere, and the other sources.
        const gone = perPartition.flatMap((offsets, p) => offsets.filter((o) => at(p, o) === 'gone')).length;
        const truth =
          gone === 0 &&
          w.notProduced === 0 &&
          w.curatedMissing === 0 &&
          w.curatedDuplicates === 0 &&
          !w.killed;

        const result = reconcileRecords(facts);

        expect(result.ok).toBe(truth);
        expect(result.lost).toBe(gone + w.notProduced);
      }),
      { numRuns: 300 },
    );
  });
});
