import type { ColumnSpec } from '../../domain/listing-record.js';
import type { ByteSink } from './byte-sink.js';
import {
  booleanCell,
  dateCell,
  doubleCell,
  int32Cell,
  int64Cell,
  stringCell,
  timestampCell,
} from './cell-values.js';
import { compareCodePoints } from './column-statistics.js';

/** What one pass over a column's rows leaves besides the PLAIN values: nulls and the smallest and largest value. */
export interface ColumnPass {
  nullCount: number;
  /** Null when every row was null. */
  min: string | number | boolean | null;
  max: string | number | boolean | null;
}

/** Rows [from, to) of a column, checked cell by cell (cell-values.ts) in one pass. */
export interface ColumnRows {
  records: readonly object[];
  from: number;
  to: number;
  spec: ColumnSpec<string>;
}

type Getter = (row: object) => unknown;

const getters = new Map<string, Getter>();

/**
 * A function reading one named property. `row[name]` with a computed name reads 50 different names at the one
 * site and goes megamorphic (a hash lookup per cell); a getter compiled per column keeps its read monomorphic:
 * 82 → 44 ns per cell on the benchmark machine. Names are column names from the code, quoted as JSON.
 */
function getterOf(name: string): Getter {
  let getter = getters.get(name);
  if (getter === undefined) {
    getter = new Function('row', `return row[${JSON.stringify(name)}];`) as Getter;
    getters.set(name, getter);
  }
  return getter;
}

/**
 * Writes the PLAIN encoding of the column's non-null values to `values` and marks each row defined (1) or
 * null (0) in `defined`, from index 0. One loop per physical type keeps each loop's values of one type.
 */
export function encodeColumnValues(rows: ColumnRows, values: ByteSink, defined: Uint8Array): ColumnPass {
  switch (rows.spec.type) {
    case 'string':
      return encodeStrings(rows, values, defined);
    case 'int32':
      return encodeInt32s(rows, values, defined, int32Cell);
    case 'date':
      return encodeInt32s(rows, values, defined, dateCell);
    case 'int64':
      return encodeInt64s(rows, values, defined, int64Cell);
    case 'timestamp':
      return encodeInt64s(rows, values, defined, timestampCell);
    case 'double':
      return encodeDoubles(rows, values, defined);
    case 'boolean':
      return encodeBooleans(rows, values, defined);
  }
}

function encodeStrings(
  { records, from, to, spec }: ColumnRows,
  values: ByteSink,
  defined: Uint8Array,
): ColumnPass {
  const name = spec.name;
  const read = getterOf(name);
  let nullCount = 0;
  let min: string | null = null;
  let max = '';
  for (let row = from; row < to; row++) {
    const value = stringCell(read(records[row] as object), name, row);
    if (value === null) {
      defined[row - from] = 0;
      nullCount++;
      continue;
    }
    defined[row - from] = 1;
    values.lengthPrefixedUtf8(value);
    if (min === null) {
      min = value;
      max = value;
    } else if (value !== min && value !== max) {
      if (compareCodePoints(value, min) < 0) min = value;
      else if (compareCodePoints(value, max) > 0) max = value;
    }
  }
  return { nullCount, min, max: min === null ? null : max };
}

type NumberCell = (value: unknown, column: string, row: number) => number | null;

function encodeInt32s(rows: ColumnRows, values: ByteSink, defined: Uint8Array, cell: NumberCell) {
  return encodeNumbers(rows, values, defined, cell, INT32);
}

function encodeInt64s(rows: ColumnRows, values: ByteSink, defined: Uint8Array, cell: NumberCell) {
  return encodeNumbers(rows, values, defined, cell, INT64);
}

function encodeDoubles(rows: ColumnRows, values: ByteSink, defined: Uint8Array) {
  return encodeNumbers(rows, values, defined, doubleCell, DOUBLE);
}

const INT32 = 0;
const INT64 = 1;
const DOUBLE = 2;

// One loop for the three number layouts; `layout` is fixed per call, so the branch inside is predictable and
// no closure is called per value.
function encodeNumbers(
  { records, from, to, spec }: ColumnRows,
  values: ByteSink,
  defined: Uint8Array,
  cell: NumberCell,
  layout: typeof INT32 | typeof INT64 | typeof DOUBLE,
): ColumnPass {
  const name = spec.name;
  const read = getterOf(name);
  let nullCount = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let row = from; row < to; row++) {
    const value = cell(read(records[row] as object), name, row);
    if (value === null) {
      defined[row - from] = 0;
      nullCount++;
      continue;
    }
    defined[row - from] = 1;
    if (layout === INT32) values.int32(value);
    else if (layout === INT64) values.int64(value);
    else values.double(value);
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const empty = nullCount === to - from;
  return { nullCount, min: empty ? null : min, max: empty ? null : max };
}

// PLAIN BOOLEAN is bit-packed, least significant bit first, one bit per non-null value.
function encodeBooleans(
  { records, from, to, spec }: ColumnRows,
  values: ByteSink,
  defined: Uint8Array,
): ColumnPass {
  const name = spec.name;
  const read = getterOf(name);
  let nullCount = 0;
  let seen = 0;
  let pending = 0;
  let anyFalse = false;
  let anyTrue = false;
  for (let row = from; row < to; row++) {
    const value = booleanCell(read(records[row] as object), name, row);
    if (value === null) {
      defined[row - from] = 0;
      nullCount++;
      continue;
    }
    defined[row - from] = 1;
    if (value) pending |= 1 << (seen & 7);
    anyTrue ||= value;
    anyFalse ||= !value;
    seen++;
    if ((seen & 7) === 0) {
      values.byte(pending);
      pending = 0;
    }
  }
  if ((seen & 7) !== 0) values.byte(pending);
  return { nullCount, min: seen === 0 ? null : !anyFalse, max: seen === 0 ? null : anyTrue };
}
