// The record's rule: a missing value is null, never 0 or ''. These read the API's '' and $0 as missing.

/** The text, or null when it is absent or empty. */
export function textOrNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}

/** The price, or null when it is absent or 0: the API writes 0 (`"$0/mo"`) for a price it does not know. */
export function priceOrNull(value: number | null): number | null {
  return value === null || value === 0 ? null : value;
}
