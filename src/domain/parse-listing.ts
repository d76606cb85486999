import * as v from 'valibot';
import { InputError } from '../errors.js';
import { daysOnMarket, lotAcres, marketEnd, pricePerSqft, propertyAgeYears } from './derive-fields.js';
import { eventIdFor } from './event-id.js';
import { fieldSchemaFor } from './field-schema.js';
import type { FieldSpec } from './field-spec.js';
import { utcDateOf, utcYearOf } from './iso-date.js';
import type { ListingRecord } from './listing-record.js';
import { V2_FIELDS } from './listing-v2-fields.js';
import { V3_FIELDS } from './listing-v3-fields.js';
import { readV2Fields } from './read-v2-fields.js';
import { readV3Fields } from './read-v3-fields.js';
import { recordFromV2 } from './record-from-v2.js';
import { recordFromV3 } from './record-from-v3.js';
import type { RecordStamp } from './record-stamp.js';
import type { Rejection } from './rejection.js';
import { ROOT_PATH, rejectionsFromIssues } from './rejections-from-issues.js';

/** Where and when a raw result was observed. */
export interface ParseContext {
  /** Name of the API the result came from, e.g. 'realty-in-us/v3'. */
  source: string;
  /** The search area that returned it, e.g. 'postal_code:90004'. */
  searchArea: string;
  /** When it was fetched (epoch ms); sets dt, days_on_market and the event id's day. */
  observedAt: number;
}

export type ParseResult = { ok: true; record: ListingRecord } | { ok: false; rejections: Rejection[] };

/** Which API shape a raw result has. */
export type ListingShape = 'v3' | 'v2';

/** Validates one raw API result (v3 or v2 shape) and maps it to a canonical ListingRecord, or says every reason why not. */
export function parseListing(raw: unknown, context: ParseContext): ParseResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, rejections: [{ reason: 'not_an_object', path: ROOT_PATH, value: raw }] };
  }
  const shape = listingShapeOf(raw);
  if (shape === null) {
    return { ok: false, rejections: [{ reason: 'unknown_shape', path: ROOT_PATH, value: Object.keys(raw) }] };
  }
  const day = observedDayOf(context.observedAt);
  const stamp: RecordStamp = {
    observed_at: context.observedAt,
    source: context.source,
    search_area: context.searchArea,
    dt: day.dt,
  };
  const result = raw as Record<string, unknown>;
  if (shape === 'v3') {
    const fields = readV3Fields(result, day.year);
    if (fields === null) return diagnose(raw, V3_FIELDS, day.year);
    return { ok: true, record: finish(recordFromV3(fields, stamp)) };
  }
  const fields = readV2Fields(result, day.year);
  if (fields === null) return diagnose(raw, V2_FIELDS, day.year);
  return { ok: true, record: finish(recordFromV2(fields, stamp)) };
}

/**
 * v3 results nest `location` and `description`; v2 properties have a flat `address` and `prop_status`. An object
 * with only v3 top-level keys is read as v3, so a result missing its location is named as such, not as unknown.
 */
export function listingShapeOf(raw: object): ListingShape | null {
  if ('location' in raw || 'description' in raw) return 'v3';
  if ('prop_status' in raw || 'address' in raw) return 'v2';
  if ('property_id' in raw || 'status' in raw || 'list_price' in raw) return 'v3';
  return null;
}

// Only results the fast reader refused get here: the valibot schema of the same field table names every problem.
function diagnose(raw: object, fields: readonly FieldSpec[], observedYear: number): ParseResult {
  const checked = v.safeParse(fieldSchemaFor(fields, observedYear), raw);
  if (checked.success) {
    throw new Error(
      'the fast field reader refused a result its valibot schema accepts: the two engines disagree, fix them',
    );
  }
  return { ok: false, rejections: rejectionsFromIssues(checked.issues) };
}

function finish(record: ListingRecord): ListingRecord {
  record.price_per_sqft = pricePerSqft(record);
  record.days_on_market = daysOnMarket(record.list_date, marketEnd(record, record.observed_at));
  record.lot_acres = lotAcres(record.lot_sqft);
  record.property_age_years = propertyAgeYears(record.year_built, record.observed_at);
  record.event_id = eventIdFor(record);
  return record;
}

/** The UTC day and year of an observation; a batch shares one observedAt, so the last one is remembered. */
let lastDay = { observedAt: Number.NaN, dt: '', year: 0 };

function observedDayOf(observedAt: number): { dt: string; year: number } {
  if (observedAt !== lastDay.observedAt) {
    if (!Number.isFinite(observedAt)) {
      throw new InputError(
        `observedAt must be epoch milliseconds, got ${String(observedAt)}; pass the clock's now()`,
      );
    }
    lastDay = { observedAt, dt: utcDateOf(observedAt), year: utcYearOf(observedAt) };
  }
  return lastDay;
}
