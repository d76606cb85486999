import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { buildMskEvent } from '../../../src/msk/msk-event.js';
import { isWellFormedMskEvent, MSK_EVENT_SCHEMA } from '../../../src/msk/msk-event-shape.js';
import { consumedRecordArbitrary, consumedRecords } from '../../helpers/consumed-records.js';

type Json = Record<string, unknown>;

/** A valid event as JSON, the way Lambda hands it over. */
const validEvent = fc
  .array(consumedRecordArbitrary(), { minLength: 1, maxLength: 5 })
  .map(
    (records) => JSON.parse(JSON.stringify(buildMskEvent(records, { bootstrapServers: 'b:9092' }))) as Json,
  );

/** Every path into an event's plain objects and arrays, so a mutation can land anywhere. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => pathsOf((value as Json)[key as string], [...prefix, key]))];
}

function setAt(root: Json, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  let node = root as Json;
  for (const key of path.slice(0, -1)) node = node[key as string] as Json;
  node[path.at(-1) as string] = value;
  return root;
}

// Values a spoiled field could take: wrong types, near-misses of each rule, and anything at all.
const spoiler = fc.oneof(
  fc.constantFrom(-129, 256, -1, 1.5, Number.NaN, 2 ** 53, '', 'QQ=', 'QU-D', null, undefined, [], {}),
  fc.constantFrom('aws:kinesis', 'CREATE_TIME', 'realty.listings.v1', '__proto__'),
  fc.anything({ maxDepth: 2 }),
);

describe('the hand-written check of an MSK event', () => {
  it('accepts the events the trigger builds, so valid batches take the fast path', () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        expect(isWellFormedMskEvent(event)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never accepts an event the schema refuses, wherever a field is spoiled', () => {
    const spoiled = validEvent.chain((event) =>
      fc
        .tuple(fc.constantFrom(...pathsOf(event)), spoiler)
        .map(([path, value]) => setAt(structuredClone(event), path, value)),
    );
    fc.assert(
      fc.property(spoiled, (event) => {
        if (isWellFormedMskEvent(event)) expect(v.safeParse(MSK_EVENT_SCHEMA, event).success).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it('leaves a record with an unknown field to the schema, which drops it', () => {
    const event = JSON.parse(
      JSON.stringify(
        buildMskEvent(consumedRecords([{ partition: 0, offset: 1 }]), { bootstrapServers: 'b' }),
      ),
    ) as { records: Record<string, Json[]> };
    (event.records['realty.listings.v1-0'] as Json[])[0]!['keySchemaMetadata'] = { dataFormat: 'AVRO' };

    expect(isWellFormedMskEvent(event)).toBe(true);
    expect(v.safeParse(MSK_EVENT_SCHEMA, event).success).toBe(true);
  });
});
