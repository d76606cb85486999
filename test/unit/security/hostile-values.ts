import fc from 'fast-check';

/** Fragments an attacker (or a broken upstream) puts in a city, state or zip to reach a path or a query. */
const FRAGMENTS = [
  '../',
  '..\\',
  '/',
  '//',
  '\u0000',
  "'",
  '"',
  '`',
  "'; DROP TABLE listings_raw; --",
  "' OR '1'='1",
  '*/ SELECT 1 /*',
  // A log4shell lookup, as data.
  `$${'{'}jndi:ldap://x}`,
  '%2e%2e%2f',
  '\n',
  'dt=2026-01-01/state=CA/',
  '*',
  '?',
  '[a]',
  '{a,b}',
  'CA',
  '\uD800',
  '🏠',
];

/** Strings built from hostile fragments, arbitrary text, and 10 kB runs of both. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FRAGMENTS),
  fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .constantFrom(...FRAGMENTS)
    .map((fragment) => fragment.repeat(Math.ceil(10_240 / fragment.length)).slice(0, 10_240)),
  fc.string({ minLength: 10_240, maxLength: 10_240, unit: 'grapheme-ascii' }),
);
