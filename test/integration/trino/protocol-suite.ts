import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTrinoQueryEngine } from '../../../src/adapters/query/trino.js';
import { TrinoQueryError } from '../../../src/adapters/query/trino-errors.js';
import { repoRoot } from '../../helpers/fixtures.js';
import type { TrinoServer } from './helpers/trino-server.js';

// Runs for hours on any machine: 10^12 rows out of three cross-joined sequences.
const ENDLESS_SQL =
  'SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y) CROSS JOIN UNNEST(sequence(1, 10000)) c(z) WHERE x + y + z = 7';

const recorded = JSON.parse(
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'trino', 'typed-values-476.json'), 'utf8'),
) as { sql: string };

/** The Trino QueryEngine over a live server: paging, typed values, Trino's errors, cancellation. */
export function describeTrinoProtocol(server: () => TrinoServer): void {
  // Generous timeouts: on a busy 2-core machine a first query can take seconds while the JIT warms up.
  describe('the Trino query engine on a live Trino 476', { timeout: 120_000 }, () => {
    it('follows nextUri through every page of a 100,000-row result, in order', async () => {
      const engine = createTrinoQueryEngine({ url: server().url });
      const sql =
        "SELECT i * 1000 + j AS n, CAST(i * 1000 + j AS DOUBLE) / 8 AS eighth, 'row ' || CAST(j AS varchar) AS label FROM UNNEST(sequence(0, 99)) a(i) CROSS JOIN UNNEST(sequence(0, 999)) b(j) ORDER BY n";

      const result = await engine.query(sql);

      expect(result.columns).toEqual([
        { name: 'n', type: 'BIGINT' },
        { name: 'eighth', type: 'DOUBLE' },
        { name: 'label', type: 'VARCHAR' },
      ]);
      expect(result.rows).toHaveLength(100_000);
      expect(
        result.rows.every((row, i) => row[0] === i && row[1] === i / 8 && row[2] === `row ${i % 1000}`),
      ).toBe(true);
      await engine.close();
    });

    it('still answers the recorded typed-values query as recorded: microsecond timestamps, big BIGINTs, nulls', async () => {
      const engine = createTrinoQueryEngine({ url: server().url });

      const result = await engine.query(recorded.sql);

      const row = Object.fromEntries(result.columns.map((column, i) => [column.name, result.rows[0]?.[i]]));
      expect(row).toMatchObject({
        ts_micros: '2024-02-15T04:07:56.123456',
        tstz_utc: '2024-02-15T04:07:56.123456Z',
        tstz_zone_id: '2024-07-15T08:07:56.000Z',
        d: '2024-02-29',
        dbl: 1.5,
        big_max: 9223372036854775807n,
        big_null: null,
        dec: 12345.67,
        rw: { p: 1, q: 'x', d: '2024-01-01' },
      });
      expect(result.columns.find((column) => column.name === 'ts_micros')?.type).toBe('TIMESTAMP(6)');
      await engine.close();
    });

    it("fails a function Trino lacks with Trino's errorName and message", async () => {
      const engine = createTrinoQueryEngine({ url: server().url });

      const error = await engine.query('SELECT median(x) FROM (VALUES 1, 2) t(x)').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(TrinoQueryError);
      expect(error).toMatchObject({
        errorName: 'FUNCTION_NOT_FOUND',
        errorType: 'USER_ERROR',
        code: 'REALTY_QUERY',
      });
      expect((error as Error).message).toContain("Function 'median' not registered");
      await engine.close();
    });

    it('names a syntax error and a missing table as Trino does', async () => {
      const engine = createTrinoQueryEngine({ url: server().url });
      await engine.query('CREATE SCHEMA IF NOT EXISTS hive.realty');

      const syntax = await engine.query('SELEC 1').catch((e: unknown) => e);
      const missing = await engine.query('SELECT * FROM no_such_table').catch((e: unknown) => e);

      expect(syntax).toMatchObject({ errorName: 'SYNTAX_ERROR' });
      expect(missing).toMatchObject({ errorName: 'TABLE_NOT_FOUND' });
      expect((missing as Error).message).toContain("'hive.realty.no_such_table' does not exist");
      await engine.close();
    });

    it('cancels a query on the server when it runs past its timeout', async () => {
      const engine = createTrinoQueryEngine({ url: server().url, timeoutMs: 2_000 });
      const observer = createTrinoQueryEngine({ url: server().url });

      const error = (await engine.query(ENDLESS_SQL).catch((e: unknown) => e)) as TrinoQueryError;

      expect(error).toBeInstanceOf(TrinoQueryError);
      expect(error.message).toMatch(/timed out after 2000 ms; it was cancelled on the server/);
      const state = `SELECT state, error_code FROM system.runtime.queries WHERE query_id = '${error.queryId}'`;
      await expect
        .poll(async () => (await observer.query(state)).rows, { timeout: 10_000 })
        .toEqual([['FAILED', 'USER_CANCELED']]);
      await Promise.all([engine.close(), observer.close()]);
    });

    it('cancels the running queries when the engine is closed', async () => {
      const engine = createTrinoQueryEngine({ url: server().url });
      const observer = createTrinoQueryEngine({ url: server().url });
      const running = engine.query(ENDLESS_SQL).catch((e: unknown) => e);
      const started = `SELECT count(*) FROM system.runtime.queries WHERE state = 'RUNNING' AND query LIKE '%x + y + z = 7%' AND query NOT LIKE '%system.runtime%'`;
      await expect.poll(async () => (await observer.query(started)).rows, { timeout: 10_000 }).toEqual([[1]]);

      await engine.close();

      const error = (await running) as TrinoQueryError;
      expect(error.message).toMatch(/stopped because the engine was closed; it was cancelled/);
      await expect.poll(async () => (await observer.query(started)).rows, { timeout: 10_000 }).toEqual([[0]]);
      await observer.close();
    });
  });
}
