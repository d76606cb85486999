import { calendarDateOf, parseIsoInstant } from './iso-date.js';

// The fast path of parsing. Each method applies one FieldRule kind (field-spec.ts) to one value and returns what
// the field reads as; a value that breaks its rule clears `ok` and reads as null. It only tells clean from not
// clean: a result that is not clean is diagnosed by the valibot schema of the same table (field-schema.ts), which
// names every problem. Readers call it with static property names, so V8 keeps their property loads fast.

const FIVE_DIGITS = /^(?:\d{5})?$/;

interface Bounds {
  min: number;
  max: number;
}

/** Checks the fields of one raw result; `ok` is false once any field broke its rule. */
export class FieldCheck {
  ok = true;

  /** A nested object, or null when absent; anything else breaks the rule. */
  object(value: unknown): Record<string, unknown> | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'object') return value as Record<string, unknown>;
    return this.fail();
  }

  id(value: unknown): string {
    if (typeof value === 'string' && value !== '') return value;
    this.ok = false;
    return '';
  }

  text(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    return typeof value === 'string' ? value : this.fail();
  }

  flag(value: unknown): boolean | null {
    if (value === undefined || value === null) return null;
    return typeof value === 'boolean' ? value : this.fail();
  }

  /** A whole number within the bounds; NaN fails the comparisons, as valibot's number() refuses it. */
  int(value: unknown, bounds: Bounds): number | null {
    if (value === undefined || value === null) return null;
    return Number.isInteger(value) && (value as number) >= bounds.min && (value as number) <= bounds.max
      ? (value as number)
      : this.fail();
  }

  decimal(value: unknown, bounds: Bounds): number | null {
    if (value === undefined || value === null) return null;
    return typeof value === 'number' && value >= bounds.min && value <= bounds.max ? value : this.fail();
  }

  year(value: unknown, rule: { min: number; yearsAhead: number }, observedYear: number): number | null {
    return this.int(value, { min: rule.min, max: observedYear + rule.yearsAhead });
  }

  instant(value: unknown): number | null {
    if (value === undefined || value === null) return null;
    return typeof value === 'string' ? (parseIsoInstant(value) ?? this.fail()) : this.fail();
  }

  date(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    return typeof value === 'string' ? (calendarDateOf(value) ?? this.fail()) : this.fail();
  }

  fiveDigits(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    return typeof value === 'string' && FIVE_DIGITS.test(value) ? value : this.fail();
  }

  /** One of a closed list; `required` makes absence break the rule. */
  oneOf<V extends string>(value: unknown, allowed: ReadonlySet<string>, required: true): V;
  oneOf<V extends string>(value: unknown, allowed: ReadonlySet<string>, required: false): V | null;
  oneOf<V extends string>(value: unknown, allowed: ReadonlySet<string>, required: boolean): V | null {
    if (typeof value === 'string' && allowed.has(value)) return value as V;
    if (!required && (value === undefined || value === null)) return null;
    this.ok = false;
    return required ? ('' as V) : null;
  }

  private fail(): null {
    this.ok = false;
    return null;
  }
}
