import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/errors.js';
import {
  describeFaultSpec,
  hasFaults,
  NO_FAULT_SPEC,
  parseFaultSpec,
} from '../../../../src/local/faults/fault-spec.js';

describe('parseFaultSpec', () => {
  it('reads rates and counts from key=value pairs, leaving every other fault off', () => {
    const spec = parseFaultSpec('api5xx=0.1,api429=0.1,malformed=0.02,kill-consumer=3');

    expect(spec).toEqual({ ...NO_FAULT_SPEC, api5xx: 0.1, api429: 0.1, malformed: 0.02, killConsumer: 3 });
  });

  it('switches nothing on for an empty or blank spec', () => {
    expect(parseFaultSpec('')).toEqual(NO_FAULT_SPEC);
    expect(parseFaultSpec('  ')).toEqual(NO_FAULT_SPEC);
  });

  it('accepts spaces around pairs and a trailing comma', () => {
    expect(parseFaultSpec(' store-fail = 0.2 , poison=0.01, ')).toMatchObject({
      storeFail: 0.2,
      poison: 0.01,
    });
  });

  it('names an unknown fault, suggests the nearest one and lists them all', () => {
    const act = () => parseFaultSpec('api500=0.1');

    expect(act).toThrow(UsageError);
    expect(act).toThrow(/unknown fault "api500" \(did you mean "api5xx"\?\); known faults: api5xx, api429, /);
  });

  it('refuses a rate outside 0..1, saying what a rate is', () => {
    expect(() => parseFaultSpec('api5xx=1.5')).toThrow(
      /api5xx=1.5: .*a probability from 0 to 1, e.g. api5xx=0.1/,
    );
    expect(() => parseFaultSpec('drift=-0.1')).toThrow(/drift=-0.1/);
    expect(() => parseFaultSpec('api429=lots')).toThrow(/api429=lots/);
  });

  it('refuses a count that is not a whole number', () => {
    expect(() => parseFaultSpec('kill-consumer=2.5')).toThrow(
      /kill-consumer=2.5: .*a whole number from 0 to 1000/,
    );
  });

  it('refuses a pair without a value, and the same fault given twice', () => {
    expect(() => parseFaultSpec('api5xx')).toThrow(/"api5xx" has no value; write it as api5xx=VALUE/);
    expect(() => parseFaultSpec('api5xx=0.1,api5xx=0.2')).toThrow(/api5xx is given twice/);
  });

  it('refuses API fault rates that add up to more than every request', () => {
    const act = () => parseFaultSpec('api5xx=0.5,reset=0.3,malformed=0.3');

    expect(act).toThrow(
      /api5xx \+ reset \+ truncated \+ malformed \+ slow \+ timeout \+ api429 add up to 1.1/,
    );
  });

  it('prints a spec back in the form it parses from', () => {
    fc.assert(
      fc.property(
        fc.record({
          api5xx: fc.integer({ min: 0, max: 10 }).map((n) => n / 100),
          killConsumer: fc.integer({ min: 0, max: 1000 }),
          storeFail: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
          poison: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
        }),
        (fields) => {
          const spec = { ...NO_FAULT_SPEC, ...fields };

          expect(parseFaultSpec(describeFaultSpec(spec))).toEqual(spec);
        },
      ),
    );
  });

  it('tells a spec that switches a fault on from one that only sets a seed or a delay', () => {
    expect(hasFaults(parseFaultSpec('seed=3,store-slow-ms=10'))).toBe(false);
    expect(hasFaults(parseFaultSpec('kill-consumer=1'))).toBe(true);
  });

  it('never throws anything but a UsageError, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        try {
          parseFaultSpec(text);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
    );
  });
});
