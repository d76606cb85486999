import { daysFromCivil } from '../../domain/iso-date.js';
import { ParquetError } from '../../errors.js';

/**
 * Checks one cell of a record against its column type and returns the value an encoder
 * writes. Every column is optional, so null always passes; anything else that does not
 * fit the type is a ParquetError naming the row, the column and the value.
 */
export type CellReader<T> = (value: unknown, column: string, row: number) => T | null;

// String.prototype.isWellFormed is ES2024 (Node 20+); the project's lib is ES2023.
type WellFormedString = string & { isWellFormed(): boolean };

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
// ECMAScript's Date range (±8.64e15 ms): the widest instant both JS and every engine can hold.
const MAX_EPOCH_MS = 8.64e15;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function stringCell(value: unknown, column: string, row: number): string | null {
  if (value === null) return null;
  // A lone surrogate has no UTF-8 form: the encoder would silently turn it into U+FFFD.
  if (typeof value === 'string' && (value as WellFormedString).isWellFormed()) return value;
  return reject(value, column, row, 'a string of whole Unicode characters (no lone surrogates)');
}

export function int32Cell(value: unknown, column: string, row: number): number | null {
  if (value === null) return null;
  if (Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX) {
    return value as number;
  }
  return reject(value, column, row, `an int32 (a whole number in ${INT32_MIN}..${INT32_MAX})`);
}

export function int64Cell(value: unknown, column: string, row: number): number | null {
  if (value === null) return null;
  if (Number.isSafeInteger(value)) return value as number;
  return reject(value, column, row, 'an int64 that a JS number holds exactly (a safe integer, |n| < 2^53)');
}

export function doubleCell(value: unknown, column: string, row: number): number | null {
  if (value === null) return null;
  if (Number.isFinite(value)) return value as number;
  return reject(value, column, row, 'a finite double (NaN and infinities are not data)');
}

export function booleanCell(value: unknown, column: string, row: number): boolean | null {
  if (value === null || typeof value === 'boolean') return value;
  return reject(value, column, row, 'a boolean');
}

/** Epoch milliseconds (UTC), whole and within the JS Date range. */
export function timestampCell(value: unknown, column: string, row: number): number | null {
  if (value === null) return null;
  if (Number.isSafeInteger(value) && Math.abs(value as number) <= MAX_EPOCH_MS) return value as number;
  return reject(value, column, row, 'an epoch-milliseconds timestamp (a whole number within ±8.64e15)');
}

/** A 'YYYY-MM-DD' calendar day as days since 1970-01-01, the Parquet DATE representation. */
export function dateCell(value: unknown, column: string, row: number): number | null {
  if (value === null) return null;
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const year = Number(value.slice(0, 4));
    const month = Number(value.slice(5, 7));
    const day = Number(value.slice(8, 10));
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))
      return daysFromCivil(year, month, day);
  }
  return reject(value, column, row, 'a calendar day written YYYY-MM-DD');
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] as number;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return leap ? 29 : 28;
}

function reject(value: unknown, column: string, row: number, expected: string): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  throw new ParquetError(
    `cannot encode row ${row} column "${column}": ${shown} is not ${expected}; ` +
      'records must be validated (and bad ones dead-lettered) before they are written to Parquet',
  );
}
