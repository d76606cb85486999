import { ApiError } from '../../errors.js';

/** Where paging through one area stands. */
export interface PageCursor {
  offset: number;
  pages: number;
  /** The total the first page reported, which bounds how many pages there can be. */
  firstTotal: number | null;
  lastFingerprint: string | null;
}

/** What the cursor needs to know about the page just received. */
export interface PageSeen {
  total: number | null;
  count: number;
  /** A digest of the page, to notice an API that ignores the offset. */
  fingerprint: string;
}

export type CursorStep = { done: true } | { done: false; cursor: PageCursor };

/** With no total to go by, stop believing in a page that never ends after this many. */
const MAX_PAGES_WITHOUT_TOTAL = 5_000;

export function startCursor(): PageCursor {
  return { offset: 0, pages: 0, firstTotal: null, lastFingerprint: null };
}

/**
 * The next step after a page: done at a short page or once the offset reaches the reported total (how public
 * clients of the API page), else the next offset. Throws ApiError REALTY_API_RESPONSE on a page that never
 * ends: the same page twice in a row, or more pages than the first total allows (total / limit + 1).
 */
export function advanceCursor(cursor: PageCursor, page: PageSeen, limit: number, label: string): CursorStep {
  const nextOffset = cursor.offset + page.count;
  if (page.count > 0 && page.fingerprint === cursor.lastFingerprint) {
    throw new ApiError(
      'REALTY_API_RESPONSE',
      `the Realtor API sent the same page for offsets ${cursor.offset - page.count} and ${cursor.offset} of ${label}; ` +
        'it ignores the offset, so paging stopped to avoid an endless loop',
    );
  }
  if (page.count < limit) return { done: true };
  if (page.total !== null && nextOffset >= page.total) return { done: true };
  const pages = cursor.pages + 1;
  const firstTotal = cursor.pages === 0 ? page.total : cursor.firstTotal;
  const bound = firstTotal === null ? MAX_PAGES_WITHOUT_TOTAL : Math.ceil(firstTotal / limit) + 1;
  if (pages >= bound) {
    throw new ApiError(
      'REALTY_API_RESPONSE',
      `paging through ${label} did not end after ${pages} pages (first total ${firstTotal ?? 'unknown'}, limit ${limit}); ` +
        'the API keeps sending full pages, so paging stopped to avoid an endless loop',
    );
  }
  return {
    done: false,
    cursor: { offset: nextOffset, pages, firstTotal, lastFingerprint: page.fingerprint },
  };
}
