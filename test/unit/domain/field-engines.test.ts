import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fieldSchemaFor } from '../../../src/domain/field-schema.js';
import type { FieldSpec } from '../../../src/domain/field-spec.js';
import { V2_FIELDS } from '../../../src/domain/listing-v2-fields.js';
import { V3_FIELDS } from '../../../src/domain/listing-v3-fields.js';
import { readV2Fields } from '../../../src/domain/read-v2-fields.js';
import { readV3Fields } from '../../../src/domain/read-v3-fields.js';
import { hasSharedFixtures } from '../../helpers/fixtures.js';
import { ALL_FIXTURES, fixtureResults, type JsonObject, V2_LIST } from './realtor-fixtures.js';

const DELETE = Symbol('delete');

/** Values that sit on the edges of the rules: types, bounds, formats, codes, containers. */
const edgeValue = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    DELETE,
    '',
    {},
    [],
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    1599,
    1600,
    2026,
    2027,
    1e9,
    1e12,
  ),
  fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, 90.0001, -180, 43_560_000_001),
  fc.constantFrom<unknown>(
    '90004',
    '9004',
    '02135-1234',
    'CA',
    'ca',
    'PR',
    'for_sale',
    'recently_sold',
    'sqft',
    'acres',
  ),
  fc.constantFrom<unknown>('2024-02-15T04:07:56.000000Z', '2024-02-30', '2001-01-12', 'soon', 'M4653612769'),
  fc.integer({ min: -1000, max: 5_000_000 }),
  fc.double({ noDefaultInfinity: true, noNaN: true, min: -200, max: 200 }),
  fc.string({ maxLength: 6 }),
  fc.dictionary(fc.constantFrom('lat', 'lon', 'size', 'units', 'estimate', 'address'), fc.integer()),
);

function pathsOf(fields: readonly FieldSpec[]): string[] {
  const paths = new Set<string>();
  for (const { path } of fields) {
    const keys = path.split('.');
    for (let i = 1; i <= keys.length; i++) paths.add(keys.slice(0, i).join('.'));
  }
  return [...paths];
}

/** Puts a value at a path, creating missing objects on the way; a primitive on the way is replaced by an object. */
function mutate(target: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = target;
  for (const key of keys) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as JsonObject;
  }
  if (value === DELETE) delete node[last];
  else node[last] = structuredClone(value);
}

function engineVerdicts(raw: JsonObject, fields: readonly FieldSpec[], observedYear: number) {
  const read = fields === V2_FIELDS ? readV2Fields : readV3Fields;
  return {
    fast: read(raw, observedYear) !== null,
    schema: v.safeParse(fieldSchemaFor(fields, observedYear), raw).success,
  };
}

function agreementProperty(results: JsonObject[], fields: readonly FieldSpec[], observedYear: number) {
  const mutation = fc.tuple(fc.constantFrom(...pathsOf(fields)), edgeValue);
  return fc.property(
    fc.nat(results.length - 1),
    fc.array(mutation, { minLength: 1, maxLength: 3 }),
    (i, changes) => {
      const raw = structuredClone(results[i] as JsonObject);
      for (const [path, value] of changes) mutate(raw, path, value);

      const verdicts = engineVerdicts(raw, fields, observedYear);

      expect(verdicts.fast).toBe(verdicts.schema);
    },
  );
}

describe.skipIf(!hasSharedFixtures)(
  'the fast field readers and the valibot schema of the same field table',
  () => {
    it('agree on every real result', () => {
      for (const fixture of ALL_FIXTURES) {
        const fields = fixture === V2_LIST ? V2_FIELDS : V3_FIELDS;
        const year = new Date(fixture.observedAt).getUTCFullYear();
        for (const raw of fixtureResults(fixture)) {
          expect(engineVerdicts(raw, fields, year)).toEqual({ fast: true, schema: true });
        }
      }
    });

    it('agree on v3 results changed at random at the edges of the rules', () => {
      const results = ALL_FIXTURES.filter((f) => f !== V2_LIST).flatMap(fixtureResults);

      fc.assert(agreementProperty(results, V3_FIELDS, 2024), { numRuns: 2000 });
    });

    it('agree on v2 properties changed at random at the edges of the rules', () => {
      const results = fixtureResults(V2_LIST);

      fc.assert(agreementProperty(results, V2_FIELDS, 2024), { numRuns: 1000 });
    });
  },
);
