import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  booleanCell,
  dateCell,
  doubleCell,
  int32Cell,
  int64Cell,
  stringCell,
  timestampCell,
} from '../../../../src/adapters/parquet/cell-values.js';
import { ParquetError } from '../../../../src/errors.js';

describe('cell values', () => {
  it('passes null through in every column type', () => {
    const cells = [stringCell, int32Cell, int64Cell, doubleCell, booleanCell, timestampCell, dateCell];

    const results = cells.map((cell) => cell(null, 'c', 0));

    expect(results).toEqual([null, null, null, null, null, null, null]);
  });

  it('rejects a missing (undefined) value, naming the column and the row', () => {
    const act = () => stringCell(undefined, 'city', 7);

    expect(act).toThrow(ParquetError);
    expect(act).toThrow(/row 7 column "city": undefined/);
  });

  it('accepts the whole int32 range and rejects one past either end', () => {
    expect(int32Cell(-2147483648, 'beds', 0)).toBe(-2147483648);
    expect(int32Cell(2147483647, 'beds', 0)).toBe(2147483647);
    expect(() => int32Cell(2147483648, 'beds', 3)).toThrow(/row 3 column "beds": 2147483648 is not an int32/);
    expect(() => int32Cell(-2147483649, 'beds', 3)).toThrow(ParquetError);
  });

  it('rejects a fractional number in an integer column', () => {
    expect(() => int32Cell(2.5, 'beds', 0)).toThrow(/2\.5 is not an int32/);
    expect(() => int64Cell(1.5, 'sqft', 0)).toThrow(/1\.5 is not an int64/);
  });

  it('accepts every safe integer as int64 and rejects unsafe ones, which a JS number cannot hold exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(int64Cell(n, 'list_price', 0)).toBe(n);
      }),
    );
    expect(() => int64Cell(2 ** 53, 'list_price', 1)).toThrow(/9007199254740992 is not an int64/);
  });

  it('rejects NaN and infinities in a double column', () => {
    expect(doubleCell(0.1, 'lat', 0)).toBe(0.1);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => doubleCell(bad, 'lat', 2)).toThrow(/is not a finite double/);
    }
  });

  it('rejects a string with a lone surrogate, which has no UTF-8 form', () => {
    expect(stringCell('😀', 'city', 0)).toBe('😀');
    expect(() => stringCell('bad \ud800 half', 'city', 1)).toThrow(/row 1 column "city".*no lone surrogates/);
  });

  it('rejects a value of the wrong JS type', () => {
    expect(() => stringCell(5, 'city', 0)).toThrow(/5 is not a string/);
    expect(() => booleanCell('true', 'is_pending', 0)).toThrow(/"true" is not a boolean/);
    expect(() => int32Cell('3', 'beds', 0)).toThrow(/"3" is not an int32/);
  });

  it('keeps epoch milliseconds within the range a JS Date can hold', () => {
    expect(timestampCell(-1, 'observed_at', 0)).toBe(-1);
    expect(timestampCell(8.64e15, 'observed_at', 0)).toBe(8.64e15);
    expect(() => timestampCell(8.64e15 + 1, 'observed_at', 0)).toThrow(/not an epoch-milliseconds timestamp/);
    expect(() => timestampCell(1.5, 'observed_at', 0)).toThrow(ParquetError);
  });

  it('turns a calendar date into days since 1970-01-01', () => {
    expect(dateCell('1970-01-01', 'last_sold_date', 0)).toBe(0);
    expect(dateCell('1969-12-31', 'last_sold_date', 0)).toBe(-1);
    expect(dateCell('2024-02-29', 'last_sold_date', 0)).toBe(19782);
    expect(dateCell('9999-12-31', 'last_sold_date', 0)).toBe(2932896);
    expect(dateCell('0000-01-01', 'last_sold_date', 0)).toBe(-719528);
  });

  it('agrees with the JS calendar on every day of years 0000 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719528, max: 2932896 }), (days) => {
        const text = new Date(days * 86_400_000).toISOString().slice(0, 10);

        expect(dateCell(text, 'last_sold_date', 0)).toBe(days);
      }),
    );
  });

  it('rejects a date that is not a real YYYY-MM-DD calendar day', () => {
    for (const bad of [
      '2024-02-30',
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-2-1',
      '2024-02-15T00:00:00Z',
      '',
    ]) {
      expect(() => dateCell(bad, 'last_sold_date', 4)).toThrow(/row 4 column "last_sold_date".*YYYY-MM-DD/);
    }
  });
});
