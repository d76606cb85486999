import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceCursor,
  type PageCursor,
  startCursor,
} from '../../../../src/adapters/listing-source/page-cursor.js';
import { ApiError } from '../../../../src/errors.js';

const LABEL = 'postal:90004:for_sale';

/** Pages an honest API that holds `total` results and reports it on every page. */
function pageThrough(total: number, limit: number): number[] {
  const offsets: number[] = [];
  let cursor: PageCursor = startCursor();
  for (;;) {
    offsets.push(cursor.offset);
    const count = Math.max(0, Math.min(limit, total - cursor.offset));
    const step = advanceCursor(cursor, { total, count, fingerprint: `page@${cursor.offset}` }, limit, LABEL);
    if (step.done) return offsets;
    cursor = step.cursor;
  }
}

describe('advanceCursor', () => {
  it('asks for every offset once until the reported total, whatever the total and page size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 200 }), (total, limit) => {
        const offsets = pageThrough(total, limit);
        const expected = Array.from({ length: Math.max(1, Math.ceil(total / limit)) }, (_, k) => k * limit);
        expect(offsets).toEqual(expected);
      }),
    );
  });

  it('stops at a short page even when the API reports no total', () => {
    const cursor = startCursor();

    const step = advanceCursor(cursor, { total: null, count: 37, fingerprint: 'a' }, 200, LABEL);

    expect(step).toEqual({ done: true });
  });

  it('fails with REALTY_API_RESPONSE when the API sends the same page for the next offset', () => {
    const first = advanceCursor(startCursor(), { total: 1_000, count: 200, fingerprint: 'same' }, 200, LABEL);
    if (first.done) throw new Error('expected more pages');

    const act = () =>
      advanceCursor(first.cursor, { total: 1_000, count: 200, fingerprint: 'same' }, 200, LABEL);

    expect(act).toThrow(ApiError);
    expect(act).toThrow(/same page.*offsets 0 and 200.*postal:90004:for_sale/);
  });

  it('fails when paging runs past the first reported total by more than a page', () => {
    // An API whose total grows with every page would never let paging end.
    const act = () => {
      let cursor = startCursor();
      for (let page = 0; page < 100; page += 1) {
        const step = advanceCursor(
          cursor,
          { total: 400 + page * 200, count: 200, fingerprint: `p${page}` },
          200,
          LABEL,
        );
        if (step.done) return;
        cursor = step.cursor;
      }
    };

    expect(act).toThrow(/did not end after 3 pages.*total 400.*limit 200/);
    expect(act).toThrow(ApiError);
  });

  it('records the code REALTY_API_RESPONSE on a paging loop', () => {
    const first = advanceCursor(startCursor(), { total: null, count: 5, fingerprint: 'x' }, 5, LABEL);
    if (first.done) throw new Error('expected more pages');

    try {
      advanceCursor(first.cursor, { total: null, count: 5, fingerprint: 'x' }, 5, LABEL);
      expect.unreachable();
    } catch (error) {
      expect((error as ApiError).code).toBe('REALTY_API_RESPONSE');
    }
  });
});
