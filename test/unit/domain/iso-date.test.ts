import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDateOf, parseIsoInstant, utcDateOf, utcYearOf } from '../../../src/domain/iso-date.js';

describe('parseIsoInstant', () => {
  it('reads the v3 list_date with microseconds as epoch milliseconds', () => {
    const text = '2024-02-15T04:07:56.000000Z';

    const ms = parseIsoInstant(text);

    expect(ms).toBe(Date.UTC(2024, 1, 15, 4, 7, 56));
  });

  it('keeps the milliseconds of a fraction and drops digits beyond them', () => {
    expect(parseIsoInstant('2024-02-15T04:07:56.123456789Z')).toBe(Date.UTC(2024, 1, 15, 4, 7, 56, 123));
    expect(parseIsoInstant('2024-02-15T04:07:56.5Z')).toBe(Date.UTC(2024, 1, 15, 4, 7, 56, 500));
  });

  it('applies a numeric UTC offset', () => {
    expect(parseIsoInstant('2023-01-18T23:19:09-05:00')).toBe(Date.UTC(2023, 0, 19, 4, 19, 9));
    expect(parseIsoInstant('2023-01-18T23:19:09+0130')).toBe(Date.UTC(2023, 0, 18, 21, 49, 9));
  });

  it('reads a date without a time as midnight UTC and a time without a zone as UTC', () => {
    expect(parseIsoInstant('2001-01-12')).toBe(Date.UTC(2001, 0, 12));
    expect(parseIsoInstant('2020-08-13T14:11:41')).toBe(Date.UTC(2020, 7, 13, 14, 11, 41));
  });

  it('returns null for text that is not a calendar-valid ISO 8601 instant', () => {
    const bad = [
      '',
      'yesterday',
      '2024-02-30T00:00:00Z',
      '2023-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-01-01T24:00:00Z',
      '2024-01-01T10:60:00Z',
      '2024-01-01T10:00:61Z',
      '2024-01-01T10:00:00+25:00',
      '24-01-01',
      '2024-1-1',
      '2024-01-01T10:00:00Zjunk',
    ];

    const results = bad.map((text) => parseIsoInstant(text));

    expect(results).toEqual(bad.map(() => null));
  });

  it('accepts the 29th of February in a leap year only', () => {
    expect(parseIsoInstant('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseIsoInstant('1900-02-29')).toBeNull();
    expect(parseIsoInstant('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });

  it('round-trips every instant JavaScript writes with toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), (ms) => {
        expect(parseIsoInstant(new Date(ms).toISOString())).toBe(ms);
      }),
    );
  });
});

// The grammar of parseIsoInstant written as a regular expression: the reference the fast reader must match.
const REFERENCE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function referenceParse(text: string): number | null {
  const m = REFERENCE.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? 0),
  ) as number[];
  const date = new Date(0);
  date.setUTCFullYear(year as number, (month as number) - 1, day as number);
  const valid = date.getUTCMonth() === (month as number) - 1 && date.getUTCDate() === day;
  if (!valid || (hour as number) > 23 || (minute as number) > 59 || (second as number) > 59) return null;
  const zone = m[8] ?? 'Z';
  const zoneDigits = zone.slice(1).replace(':', '');
  const [zh, zm] = [Number(zoneDigits.slice(0, 2) || 0), Number(zoneDigits.slice(2) || 0)];
  if (zh > 23 || zm > 59) return null;
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (zh * 60 + zm);
  const ms = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  date.setUTCHours(hour as number, minute as number, second as number, ms);
  return date.getTime() - offset * 60_000;
}

const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const isoLike = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
    twoDigits(13),
    twoDigits(32),
    fc.constantFrom('', 'T', ' ', 't', '_'),
    twoDigits(25),
    twoDigits(61),
    fc.option(twoDigits(61), { nil: '' }).map((s) => (s === '' ? '' : `:${s}`)),
    fc.option(fc.stringMatching(/^\d{0,11}$/), { nil: '' }).map((s) => (s === '' ? '' : `.${s}`)),
    fc.constantFrom('', 'Z', 'z', 'Zx', '+05', '-0530', '+05:30', '+5', '+05:3', '+24:00', '-00:60'),
    fc.nat(40),
  )
  .map(([y, mo, d, sep, h, mi, sec, frac, zone, cut]) => {
    const text = sep === '' ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}${sep}${h}:${mi}${sec}${frac}${zone}`;
    return cut < 30 ? text : text.slice(0, cut - 10);
  });

describe('parseIsoInstant against its grammar', () => {
  it('keeps February 29 of the years 0-99 that are leap years (Date.UTC would read them as 1900-1999)', () => {
    expect(parseIsoInstant('0000-02-29')).toBe(Date.parse('0000-02-29T00:00:00Z'));
    expect(parseIsoInstant('0004-02-29T12:00:00Z')).toBe(Date.parse('0004-02-29T12:00:00Z'));
    expect(parseIsoInstant('0001-02-29')).toBeNull();
  });

  it('agrees with the reference regular expression on ISO-like text, valid or not', () => {
    fc.assert(
      fc.property(isoLike, (text) => {
        expect(parseIsoInstant(text)).toBe(referenceParse(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('parseIsoInstant on the forms the API writes (read without the regular expression)', () => {
  const apiForm = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      twoDigits(13),
      twoDigits(32),
      twoDigits(25),
      twoDigits(61),
      twoDigits(61),
      fc.option(fc.stringMatching(/^\d{0,10}$/), { nil: null }),
      fc.boolean(),
    )
    .map(([y, mo, d, h, mi, sec, frac, dateOnly]) =>
      dateOnly ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}T${h}:${mi}:${sec}${frac === null ? '' : `.${frac}`}Z`,
    );

  it('agrees with the reference on bare dates and T…Z instants, real or not, with 0-10 fraction digits', () => {
    fc.assert(
      fc.property(apiForm, (text) => {
        expect(parseIsoInstant(text)).toBe(referenceParse(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads the v3 form with 1, 2, 3 and 6 fraction digits to the millisecond', () => {
    expect(parseIsoInstant('2024-02-15T04:07:56.1Z')).toBe(Date.UTC(2024, 1, 15, 4, 7, 56, 100));
    expect(parseIsoInstant('2024-02-15T04:07:56.12Z')).toBe(Date.UTC(2024, 1, 15, 4, 7, 56, 120));
    expect(parseIsoInstant('2024-02-15T04:07:56.123Z')).toBe(Date.UTC(2024, 1, 15, 4, 7, 56, 123));
    expect(parseIsoInstant('2024-02-15T04:07:56.123999Z')).toBe(Date.UTC(2024, 1, 15, 4, 7, 56, 123));
    expect(parseIsoInstant('2024-02-15T04:07:56.Z')).toBeNull();
    expect(parseIsoInstant('0004-02-29')).toBe(Date.parse('0004-02-29T00:00:00Z'));
  });
});

describe('utcDateOf', () => {
  it('gives the UTC calendar day of an instant', () => {
    expect(utcDateOf(Date.UTC(2024, 1, 15, 23, 59, 59, 999))).toBe('2024-02-15');
    expect(utcDateOf(Date.UTC(2024, 1, 16))).toBe('2024-02-16');
  });
});

describe('utcYearOf', () => {
  it('gives the UTC year of any instant, as Date does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }), (ms) => {
        expect(utcYearOf(ms)).toBe(new Date(ms).getUTCFullYear());
      }),
      { numRuns: 2000 },
    );
  });

  it('puts the last millisecond of a year in that year and the next one in the next', () => {
    expect(utcYearOf(Date.UTC(2024, 0, 1) - 1)).toBe(2023);
    expect(utcYearOf(Date.UTC(2024, 0, 1))).toBe(2024);
    expect(utcYearOf(Date.UTC(2000, 1, 29, 12))).toBe(2000);
  });
});

describe('calendarDateOf', () => {
  it('keeps a YYYY-MM-DD date and reduces an instant to its UTC day', () => {
    expect(calendarDateOf('2001-01-12')).toBe('2001-01-12');
    expect(calendarDateOf('2008-04-16T23:30:00-05:00')).toBe('2008-04-17');
  });

  it('returns null for a date that does not exist', () => {
    expect(calendarDateOf('2001-02-31')).toBeNull();
  });
});
