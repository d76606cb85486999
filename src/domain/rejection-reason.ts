/**
 * Why a record was rejected: a closed set, so dead-letter counts group cleanly and alarms can match on them.
 * - not_an_object: the record is not a JSON object at all.
 * - unknown_shape: an object, but neither a v3 result nor a v2 property.
 * - missing_required: a field every listing must have is absent, null or empty.
 * - wrong_type: a value of the wrong JSON type (schema drift), e.g. a price sent as a string.
 * - out_of_range: a number outside what a real listing can have.
 * - bad_format: a string that does not follow its format (postal code, FIPS code, date, size unit).
 * - unknown_status: a listing status the API does not report.
 * - unknown_state: a state code that is not a US state, DC or territory.
 */
export const REJECTION_REASONS = [
  'not_an_object',
  'unknown_shape',
  'missing_required',
  'wrong_type',
  'out_of_range',
  'bad_format',
  'unknown_status',
  'unknown_state',
] as const;

export type RejectionReason = (typeof REJECTION_REASONS)[number];

const KNOWN: ReadonlySet<string> = new Set(REJECTION_REASONS);

/** True when a string is one of REJECTION_REASONS. */
export function isRejectionReason(value: string): value is RejectionReason {
  return KNOWN.has(value);
}
