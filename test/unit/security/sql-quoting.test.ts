import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trinoString } from '../../../src/adapters/catalog/trino-ddl.js';
import { quotedName, stringLiteral } from '../../../src/adapters/query/duckdb-views.js';
import { QueryError } from '../../../src/errors.js';
import { transformBatch } from '../../../src/pipeline/transform-batch.js';
import { createTransformDeps, loadSampleEvent } from '../../helpers/local-warehouse.js';
import { hostileText } from './hostile-values.js';

type WellFormed = string & { isWellFormed(): boolean };
const wellFormed = hostileText.filter((s) => (s as WellFormed).isWellFormed());

/** Every file under `dir`, as absolute paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** The sample event with every listing's city, state and zip replaced. */
function eventWith(city: string, state: string, zip: string) {
  const event = loadSampleEvent('msk-listings.json');
  for (const record of Object.values(event.records).flat()) {
    const listing = JSON.parse(Buffer.from(record.value!, 'base64').toString('utf8'));
    Object.assign(listing.location.address, { city, state_code: state, postal_code: zip });
    record.value = Buffer.from(JSON.stringify(listing)).toString('base64');
  }
  return event;
}

describe('values from data are quoted safely wherever they reach SQL', () => {
  let duck: Awaited<ReturnType<typeof DuckDBInstance.create>>;
  let connection: Awaited<ReturnType<typeof duck.connect>>;
  beforeAll(async () => {
    duck = await DuckDBInstance.create(':memory:');
    connection = await duck.connect();
  });
  afterAll(() => {
    connection.closeSync();
    duck.closeSync();
  });

  it('reads back any text DuckDB is given as a string literal unchanged, or fails the query: never another value', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async (text) => {
        const read = await connection.runAndReadAll(`SELECT ${stringLiteral(text)} AS v`).then(
          (reader) => reader.getRows(),
          (error: unknown) => error,
        );

        // DuckDB's parser stops at NUL, inside the literal: the statement is left unterminated and fails closed.
        if (text.includes('\u0000')) expect(String(read)).toMatch(/unterminated quoted string/);
        else expect(read).toEqual([[text]]);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves no quote of a Trino/Athena literal unpaired, so the literal cannot end early', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const literal = trinoString(text);
        const body = literal.slice(1, -1);

        expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
        expect(body.replaceAll("''", '')).not.toContain("'");
        expect(body.replaceAll("''", "'")).toBe(text);
      }),
    );
  });

  it('refuses any table or column name that is not a plain identifier', () => {
    fc.assert(
      fc.property(hostileText, (name) => {
        try {
          expect(quotedName('column', name)).toBe(`"${name}"`);
          expect(name).toMatch(/^[a-z_][a-z0-9_]*$/);
        } catch (error) {
          expect(error).toBeInstanceOf(QueryError);
        }
      }),
    );
  });

  it('writes listings with a hostile city, state or zip only inside raw/ and dead-letter/, and reads the city back as data', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, hostileText, hostileText, async (city, state, zip) => {
        const deps = await createTransformDeps();
        try {
          const outcome = await transformBatch(eventWith(city, state, zip), deps);

          const bucket = path.join(deps.dir, 'bucket');
          for (const file of await filesUnder(bucket)) {
            expect(path.relative(bucket, file)).toMatch(
              /^(raw\/listings\/dt=\d{4}-\d{2}-\d{2}\/state=[A-Z]{2}\/[\w.-]+\.parquet|dead-letter\/listings\/dt=\d{4}-\d{2}-\d{2}\/[\w.-]+\.jsonl)$/,
            );
          }
          if (outcome.written > 0) {
            const found = await deps
              .engine()
              .query(`SELECT count(*) FROM listings_raw WHERE city = ${stringLiteral(city)}`);
            expect(Number(found.rows[0]![0])).toBe(outcome.written);
          }
          expect(outcome.written + outcome.deadLettered).toBe(outcome.records);
        } finally {
          await deps.cleanup();
        }
      }),
      { numRuns: 8 },
    );
  });
});
