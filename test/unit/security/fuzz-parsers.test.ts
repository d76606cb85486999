import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../src/adapters/listing-source/realtor-attempt.js';
import { parseListing } from '../../../src/domain/parse-listing.js';
import { EventError } from '../../../src/errors.js';
import { parseMskEvent } from '../../../src/msk/msk-event.js';
import type { MskRecord } from '../../../src/msk/msk-event-types.js';
import { classifyRecord } from '../../../src/pipeline/classify-record.js';
import { loadFixture, loadFixtureText } from '../../helpers/fixtures.js';
import { fixtureResults, V3_LIST } from '../domain/realtor-fixtures.js';

// Bounded: each input must be settled this fast, or the parser is on its way to a hang.
const MAX_MS_PER_INPUT = 1_000;
const CONTEXT = { source: 'fuzz', searchArea: 'fuzz', observedAt: V3_LIST.observedAt };
const REASONS = new Set(['empty_value', 'too_large', 'not_json', 'not_utf8', 'invalid_listing']);

/** Runs `act`, failing when it takes longer than the bound. */
function timed<T>(act: () => T): T {
  const startedAt = performance.now();
  const result = act();
  expect(performance.now() - startedAt).toBeLessThan(MAX_MS_PER_INPUT);
  return result;
}

/** A real result with one value, somewhere in it, replaced by anything. */
const mutatedResult = fc
  .tuple(fc.nat(), fc.nat(), fc.anything({ maxDepth: 3 }))
  .map(([pick, depth, value]) => {
    const results = fixtureResults(V3_LIST);
    const result = results[pick % results.length]!;
    let node: Record<string, unknown> = result;
    for (let level = 0; level <= depth % 3; level += 1) {
      const keys = Object.keys(node);
      const key = keys[(pick + level) % keys.length]!;
      const child = node[key];
      if (level === depth % 3 || typeof child !== 'object' || child === null) {
        node[key] = value;
        break;
      }
      node = child as Record<string, unknown>;
    }
    return result;
  });

/** JSON text nested `depth` levels deep. */
const deepJson = fc
  .integer({ min: 1, max: 20_000 })
  .map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('fuzzing the parsers: every input is parsed or rejected with a reason, fast', () => {
  it('parseListing settles any value and any mutation of a real result', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), mutatedResult), (input) => {
        const parsed = timed(() => parseListing(input, CONTEXT));

        if (parsed.ok) expect(parsed.record.property_id).toEqual(expect.any(String));
        else {
          expect(parsed.rejections.length).toBeGreaterThan(0);
          for (const r of parsed.rejections) {
            expect(r.reason).toEqual(expect.any(String));
            expect(r.path).toEqual(expect.any(String));
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parsePage settles any body: truncated, spoiled or deeply nested text of the real response', () => {
    const real = loadFixtureText('realtor-api', 'realty-in-us_v3_list_90004_for_sale_limit10_renty.json');
    const truncated = fc.nat({ max: real.length }).map((n) => real.slice(0, n));
    const spoiled = fc
      .tuple(fc.nat({ max: real.length }), fc.string({ maxLength: 8 }))
      .map(([at, junk]) => real.slice(0, at) + junk + real.slice(at));
    fc.assert(
      fc.property(fc.oneof(fc.string(), truncated, spoiled, deepJson, fc.json({ maxDepth: 5 })), (text) => {
        const page = timed(() => parsePage(text));

        if (page.ok) expect(Array.isArray(page.page.results)).toBe(true);
        else {
          expect(page.failure.kind).toBe('malformed');
          expect(page.detail).toEqual(expect.any(String));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parseMskEvent accepts a well-formed event and refuses anything else with an EventError naming the path', () => {
    const event = loadFixture<Record<string, unknown>>(
      'aws-events',
      'powertools-typescript_kafka_default.json',
    );
    const mutated = fc
      .tuple(
        fc.constantFrom('eventSource', 'records', 'bootstrapServers', 'eventSourceArn'),
        fc.anything({ maxDepth: 3 }),
      )
      .map(([key, value]) => ({ ...structuredClone(event), [key]: value }));
    fc.assert(
      fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), mutated), (input) => {
        try {
          const parsed = timed(() => parseMskEvent(input));
          expect(typeof parsed.records).toBe('object');
        } catch (error) {
          expect(error).toBeInstanceOf(EventError);
          expect((error as EventError).message).toMatch(/^MSK event is invalid at /);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('classifyRecord turns any record bytes into a listing or a dead-letter entry with a reason', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.json({ maxDepth: 4 }).map((text) => new TextEncoder().encode(text)),
      deepJson.map((text) => new TextEncoder().encode(text)),
      mutatedResult.map((result) => new TextEncoder().encode(JSON.stringify(result))),
    );
    const record = fc.record({
      value: fc.option(bytes, { nil: undefined }),
      headers: fc.array(
        fc.dictionary(
          fc.string({ maxLength: 20 }),
          fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 30 }),
        ),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(record, ({ value, headers }) => {
        const msk: MskRecord = {
          topic: 'realty.listings.v1',
          partition: 0,
          offset: 1,
          timestamp: V3_LIST.observedAt,
          timestampType: 'CREATE_TIME',
          ...(value === undefined ? {} : { value: Buffer.from(value).toString('base64') }),
          headers,
        };

        const classified = timed(() => classifyRecord(msk));

        if (!classified.ok) expect(REASONS.has(classified.entry.reason)).toBe(true);
        else expect(classified.record.kafka_offset).toBe(1);
      }),
      { numRuns: 400 },
    );
  });
});
