import { hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EVENT_ID_FIELDS,
  EVENT_ID_VERSION,
  type EventIdInput,
  eventIdFor,
} from '../../../src/domain/event-id.js';
import { LISTING_STATUSES } from '../../../src/domain/listing-record.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const price = maybe(fc.integer({ min: 1, max: 50_000_000 }));
const flag = maybe(fc.boolean());
const text = maybe(fc.string({ maxLength: 12 }));
const day = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

const observation: fc.Arbitrary<EventIdInput> = fc.record({
  property_id: fc.stringMatching(/^\d{10}$/),
  dt: day,
  listing_id: text,
  status: fc.constantFrom(...LISTING_STATUSES),
  list_price: price,
  list_price_min: price,
  list_price_max: price,
  sold_price: price,
  price_reduced_amount: price,
  list_date: maybe(fc.integer({ min: 0, max: 2e12 })),
  last_update_date: maybe(fc.integer({ min: 0, max: 2e12 })),
  last_sold_date: maybe(day),
  is_pending: flag,
  is_contingent: flag,
  is_coming_soon: flag,
  is_foreclosure: flag,
});

describe('eventIdFor', () => {
  it('is a 32-character hex prefix of a sha-256', () => {
    fc.assert(
      fc.property(observation, (o) => {
        expect(eventIdFor(o)).toMatch(/^[0-9a-f]{32}$/);
      }),
    );
  });

  it('hashes the JSON of the version and the EVENT_ID_FIELDS values in their order, whatever the text', () => {
    const anyText = maybe(fc.string({ unit: 'binary', maxLength: 16 }));
    const anyNumber = maybe(fc.oneof(fc.double(), fc.integer()));
    const loose = fc.record({
      ...Object.fromEntries(EVENT_ID_FIELDS.map((field) => [field, fc.oneof(anyText, anyNumber, flag)])),
      sqft: anyNumber,
    });
    fc.assert(
      fc.property(fc.oneof(observation, loose), (o) => {
        const values = [EVENT_ID_VERSION, ...EVENT_ID_FIELDS.map((field) => (o as EventIdInput)[field])];
        const reference = hash('sha256', JSON.stringify(values), 'hex').slice(0, 32);

        expect(eventIdFor(o as EventIdInput)).toBe(reference);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives a re-fetch of an unchanged listing on the same day the same id, whatever the hour, source or area', () => {
    fc.assert(
      fc.property(observation, fc.integer({ min: 0, max: 86_399_999 }), fc.string(), (o, msIntoDay, area) => {
        const refetch = {
          ...structuredClone(o),
          observed_at: Date.parse(`${o.dt}T00:00:00Z`) + msIntoDay,
          source: 'realty-in-us/v3',
          search_area: area,
        };

        expect(eventIdFor(refetch)).toBe(eventIdFor(o));
      }),
    );
  });

  it('gives a new id when the list price changes', () => {
    fc.assert(
      fc.property(observation, fc.integer({ min: 1, max: 50_000_000 }), (o, newPrice) => {
        fc.pre(newPrice !== o.list_price);

        expect(eventIdFor({ ...o, list_price: newPrice })).not.toBe(eventIdFor(o));
      }),
    );
  });

  it('gives a new id on another observed day or another status', () => {
    fc.assert(
      fc.property(observation, day, fc.constantFrom(...LISTING_STATUSES), (o, otherDay, otherStatus) => {
        fc.pre(otherDay !== o.dt && otherStatus !== o.status);

        expect(eventIdFor({ ...o, dt: otherDay })).not.toBe(eventIdFor(o));
        expect(eventIdFor({ ...o, status: otherStatus })).not.toBe(eventIdFor(o));
      }),
    );
  });

  it('gives a new id when any one identity field changes, null and zero included', () => {
    fc.assert(
      fc.property(observation, fc.constantFrom(...EVENT_ID_FIELDS), (o, field) => {
        const current = o[field];
        const changed = current === null ? 0 : null;

        expect(eventIdFor({ ...o, [field]: changed })).not.toBe(eventIdFor(o));
      }),
    );
  });

  it('keeps the id when only descriptive or derived columns differ', () => {
    fc.assert(
      fc.property(observation, fc.integer({ min: 1, max: 10_000 }), fc.string(), (o, sqft, city) => {
        const described = { ...o, sqft, city, estimate: sqft * 100, price_per_sqft: 1, days_on_market: 3 };

        expect(eventIdFor(described)).toBe(eventIdFor(o));
      }),
    );
  });

  it('tells apart values that would collide if fields were simply joined', () => {
    fc.assert(
      fc.property(observation, (o) => {
        const a = { ...o, listing_id: '2964125083"', last_sold_date: '2001-01-12' };
        const b = { ...o, listing_id: '2964125083', last_sold_date: '"2001-01-12' };

        expect(eventIdFor(a)).not.toBe(eventIdFor(b));
      }),
    );
  });
});
