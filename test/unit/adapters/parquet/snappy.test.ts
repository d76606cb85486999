import fc from 'fast-check';
import { snappyUncompress } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../../../src/adapters/parquet/byte-sink.js';
import { snappyCompress } from '../../../../src/adapters/parquet/snappy.js';

function roundTrip(input: Uint8Array): { compressed: Uint8Array; restored: Uint8Array } {
  const sink = new ByteSink(16);
  sink.byte(0xaa); // something already in the sink, which the compressed stream must follow
  snappyCompress(input, sink);
  const compressed = sink.view().subarray(1);
  const restored = new Uint8Array(input.length);
  snappyUncompress(compressed, restored);
  return { compressed, restored };
}

describe('snappyCompress', () => {
  it('writes streams another Snappy decoder restores byte for byte, whatever the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5_000 }), (input) => {
        const { restored } = roundTrip(input);

        expect(Buffer.from(restored).equals(Buffer.from(input))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('restores repetitive text, long runs and inputs past the 64 KiB copy window', () => {
    const text = Buffer.from('for_sale,postal:90004,Los Angeles,CA,'.repeat(3_000));
    const run = new Uint8Array(200_000).fill(7);
    const mixed = Buffer.concat([
      Buffer.from(
        fc.sample(fc.uint8Array({ minLength: 70_000, maxLength: 70_000 }), { numRuns: 1, seed: 7 })[0]!,
      ),
      text,
      run,
    ]);

    for (const input of [text, run, mixed]) {
      const { compressed, restored } = roundTrip(input);

      expect(Buffer.from(restored).equals(Buffer.from(input))).toBe(true);
      expect(compressed.length).toBeLessThan(input.length);
    }
  });

  it('compresses repetitive listing text to a fraction of its size', () => {
    const input = Buffer.from('{"status":"for_sale","city":"Austin","state_code":"TX"}'.repeat(100));

    const { compressed } = roundTrip(input);

    expect(compressed.length).toBeLessThan(input.length / 10);
  });

  it('writes an empty input as just its zero length', () => {
    const { compressed } = roundTrip(new Uint8Array(0));

    expect([...compressed]).toEqual([0]);
  });
});
