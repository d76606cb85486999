import * as v from 'valibot';
import { LISTING_STATUSES } from '../../domain/listing-record.js';
import type { MarketQuery } from './market-search.js';

/** A checked `POST /properties/v3/list` body. */
export interface ListRequest {
  query: MarketQuery;
  offset: number;
  limit: number;
}

/** The real API caps a page at 200 results; realtor.com's own pages hold 42, the default when limit is absent. */
export const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 42;

const bodySchema = v.looseObject({
  limit: v.optional(v.pipe(v.number('limit must be a number'), v.integer('limit must be a whole number'))),
  offset: v.optional(v.pipe(v.number('offset must be a number'), v.integer('offset must be a whole number'))),
  postal_code: v.optional(
    v.pipe(v.string('postal_code must be a string'), v.regex(/^\d{5}$/, 'postal_code must be 5 digits')),
  ),
  city: v.optional(v.pipe(v.string('city must be a string'), v.trim(), v.nonEmpty('city must not be empty'))),
  state_code: v.optional(
    v.pipe(v.string('state_code must be a string'), v.regex(/^[A-Za-z]{2}$/, 'state_code must be 2 letters')),
  ),
  status: v.optional(
    v.pipe(
      v.array(
        v.picklist(LISTING_STATUSES, `status values must be among ${LISTING_STATUSES.join(', ')}`),
        'status must be an array',
      ),
      v.nonEmpty('status must not be empty'),
    ),
  ),
  sort: v.optional(
    v.object(
      {
        direction: v.picklist(['asc', 'desc'], "sort.direction must be 'asc' or 'desc'"),
        field: v.picklist(
          ['list_date', 'list_price'],
          "the sandbox sorts on sort.field 'list_date' or 'list_price'",
        ),
      },
      'sort must be an object with direction and field',
    ),
  ),
});

/** Checks a request body; returns the request, or the message of a 400 answer. */
export function parseListRequest(body: unknown): ListRequest | { error: string } {
  const parsed = v.safeParse(bodySchema, body);
  if (!parsed.success) return { error: parsed.issues[0].message };
  const b = parsed.output;
  const limit = b.limit ?? DEFAULT_LIMIT;
  const offset = b.offset ?? 0;
  if (limit < 1 || limit > MAX_LIMIT)
    return { error: `limit must be between 1 and ${MAX_LIMIT}, got ${limit}` };
  if (offset < 0) return { error: `offset must not be negative, got ${offset}` };
  const where = whereOf(b);
  if (where === null) return { error: 'send postal_code, or city together with state_code' };
  const query: MarketQuery = {
    where,
    statuses: b.status ?? ['for_sale'],
    sort: b.sort ?? { direction: 'desc', field: 'list_date' },
  };
  return { query, offset, limit };
}

function whereOf(b: {
  postal_code?: string | undefined;
  city?: string | undefined;
  state_code?: string | undefined;
}): MarketQuery['where'] | null {
  if (b.postal_code !== undefined) return { postalCode: b.postal_code };
  if (b.city !== undefined && b.state_code !== undefined)
    return { city: b.city, stateCode: b.state_code.toUpperCase() };
  return null;
}
