import type { RejectionReason } from './rejection-reason.js';

/**
 * One rule per field, applied by two engines that must agree: the fast readers (read-v3-fields.ts,
 * read-v2-fields.ts, on field-check.ts) that parse clean results, and the valibot schema (field-schema.ts) that
 * names every problem of a result they refuse; test/unit/domain/field-engines.test.ts holds them to it.
 * Absent and null are the same: a missing value, allowed unless the rule is required.
 */
export type FieldRule =
  /** A non-empty string every listing has. */
  | { kind: 'id' }
  | { kind: 'text' }
  | { kind: 'flag' }
  /** A whole number in [min, max]; a fraction is wrong_type, outside the bounds out_of_range. */
  | { kind: 'int'; min: number; max: number }
  | { kind: 'decimal'; min: number; max: number }
  /** A whole year from min up to the observed UTC year plus yearsAhead. */
  | { kind: 'year'; min: number; yearsAhead: number }
  /** An ISO 8601 date-time, read as epoch milliseconds. */
  | { kind: 'instant' }
  /** An ISO 8601 date (or date-time), read as its 'YYYY-MM-DD' UTC day. */
  | { kind: 'date' }
  /** Five digits (postal and FIPS codes); '' is kept and read later as missing. */
  | { kind: 'five_digits' }
  /** One of a closed list of strings; any other string is rejected with `reason`. */
  | { kind: 'one_of'; values: readonly string[]; reason: RejectionReason; required: boolean };

/** A field to read: its name in the reader's output, its dotted path in the raw result, its rule. */
export interface FieldSpec {
  name: string;
  path: string;
  rule: FieldRule;
}

/** A closed-list rule; required when every listing must have the field. */
export function oneOf<const V extends readonly string[], const Required extends boolean>(
  values: V,
  reason: RejectionReason,
  required: Required,
) {
  return { kind: 'one_of', values, reason, required } as const;
}

/** The value a rule reads, as the reader returns it. */
export type RuleValue<R extends FieldRule> = R extends { kind: 'id' }
  ? string
  : R extends { kind: 'text' | 'five_digits' | 'date' }
    ? string | null
    : R extends { kind: 'flag' }
      ? boolean | null
      : R extends { kind: 'one_of'; values: readonly (infer V)[]; required: true }
        ? V
        : R extends { kind: 'one_of'; values: readonly (infer V)[] }
          ? V | null
          : number | null;

/** What the reader returns for a field table: one property per field name. */
export type FieldValues<S extends readonly FieldSpec[]> = {
  [F in S[number] as F['name']]: RuleValue<F['rule']>;
};
