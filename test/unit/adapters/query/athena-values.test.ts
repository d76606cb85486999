import { describe, expect, it } from 'vitest';
import { athenaFailure } from '../../../../src/adapters/query/athena-errors.js';
import { pollDelayMs } from '../../../../src/adapters/query/athena-execution.js';
import { toPlainValue, toQueryColumns } from '../../../../src/adapters/query/athena-values.js';
import { QueryError } from '../../../../src/errors.js';

describe('Athena cell values', () => {
  it.each([
    ['bigint', '42', 42],
    ['bigint', '-9007199254740993', -9007199254740993n],
    ['integer', '7', 7],
    ['double', '1.5', 1.5],
    ['double', 'NaN', Number.NaN],
    ['double', '-Infinity', Number.NEGATIVE_INFINITY],
    ['decimal(10,2)', '123.45', 123.45],
    ['boolean', 'true', true],
    ['boolean', 'false', false],
    ['date', '2026-11-20', '2026-11-20'],
    ['timestamp', '2026-11-20 08:15:00.123', '2026-11-20T08:15:00.123'],
    ['timestamp with time zone', '2026-11-20 08:15:00.123 UTC', '2026-11-20T08:15:00.123Z'],
    ['varchar', 'Los Angeles', 'Los Angeles'],
    ['array(varchar)', '[a, b]', '[a, b]'],
  ])('reads a %s cell %j as %s', (type, text, expected) => {
    expect(toPlainValue(type, text)).toEqual(expected);
  });

  it('reads an absent cell as null whatever the type', () => {
    for (const type of ['bigint', 'varchar', 'boolean', 'timestamp'])
      expect(toPlainValue(type, undefined)).toBeNull();
  });

  it('names columns as Athena does and upper-cases their types like DuckDB', () => {
    expect(
      toQueryColumns([
        { Name: 'n', Type: 'bigint' },
        { Name: 'p', Type: 'decimal(10,2)' },
      ]),
    ).toEqual([
      { name: 'n', type: 'BIGINT' },
      { name: 'p', type: 'DECIMAL(10,2)' },
    ]);
  });
});

describe('polling Athena', () => {
  it('waits twice as long each time, up to the cap', () => {
    const delays = Array.from({ length: 8 }, (_, attempt) =>
      pollDelayMs(attempt, { initialDelayMs: 250, maxDelayMs: 2000 }),
    );

    expect(delays).toEqual([250, 500, 1000, 2000, 2000, 2000, 2000, 2000]);
  });

  it('stays at the cap for very many polls', () => {
    expect(pollDelayMs(10_000, { initialDelayMs: 250, maxDelayMs: 2000 })).toBe(2000);
  });
});

describe('a failed Athena query', () => {
  // The shape of GetQueryExecution's Status for a query that failed on the user's SQL (ErrorCategory 2).
  const failed = {
    QueryExecutionId: 'a1b2',
    Status: {
      State: 'FAILED' as const,
      StateChangeReason: "COLUMN_NOT_FOUND: line 1:8: Column 'prce' cannot be resolved",
      AthenaError: {
        ErrorCategory: 2,
        ErrorType: 1006,
        Retryable: false,
        ErrorMessage: "COLUMN_NOT_FOUND: line 1:8: Column 'prce' cannot be resolved",
      },
    },
  };

  it("carries Athena's reason and says to fix the SQL when the error is the user's", () => {
    const error = athenaFailure('a1b2', failed);

    expect(error).toBeInstanceOf(QueryError);
    expect(error.message).toBe(
      "Athena query a1b2 FAILED: COLUMN_NOT_FOUND: line 1:8: Column 'prce' cannot be resolved (error type 1006); fix the SQL (table and column names, types, syntax) and rerun",
    );
  });

  it("says to retry when the error is Athena's own", () => {
    const system = {
      Status: { ...failed.Status, AthenaError: { ...failed.Status.AthenaError, ErrorCategory: 1 } },
    };

    expect(athenaFailure('a1b2', system).message).toMatch(/Athena-side error; retry$/);
  });
});
