import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBase64 } from '../../../src/msk/base64.js';

// RFC 4648 §4 base64 with padding, as the Lambda MSK trigger writes keys and values: the rule the check must keep.
const RFC_4648 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// The characters that tell base64 apart from what Node's lenient decoder also takes: base64url's - and _,
// padding in the wrong place, whitespace, dots, non-ASCII.
const tricky = fc.constantFrom(...'AQgw09+/=-_ \n\t.é😀');

describe('isBase64', () => {
  it.each([
    ['', true],
    ['QQ==', true],
    ['QUI=', true],
    ['QUJD', true],
    ['QQ', false],
    ['QQ=', false],
    ['Q===', false],
    ['QQ==QUJD', false],
    ['QU-D', false],
    ['QU_D', false],
    ['QU D', false],
    ['QUJD\n', false],
    ['not base64!', false],
  ])('says %j is base64: %s', (text, expected) => {
    expect(isBase64(text)).toBe(expected);
  });

  it('accepts exactly the strings RFC 4648 base64 with padding accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: tricky, maxLength: 16 }), (text) => {
        expect(isBase64(text)).toBe(RFC_4648.test(text));
      }),
      { numRuns: 20_000 },
    );
  });

  it('accepts the base64 of any bytes, long ones included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        expect(isBase64(Buffer.from(bytes).toString('base64'))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
