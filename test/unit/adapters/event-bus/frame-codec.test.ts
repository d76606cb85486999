import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkFrame,
  decodeFrame,
  encodeFrame,
  FRAME_HEADER_BYTES,
  type FrameRecord,
} from '../../../../src/adapters/event-bus/embedded-log/frame-codec.js';

const frameRecord = fc.record({
  offset: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
  timestamp: fc.integer({ min: -1, max: 4_102_444_800_000 }),
  key: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null }),
  value: fc.option(fc.uint8Array({ maxLength: 300 }), { nil: null }),
  headers: fc.array(
    fc.tuple(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.uint8Array({ maxLength: 20 })),
    {
      maxLength: 4,
    },
  ),
});

function sample(): FrameRecord {
  return {
    offset: 41,
    timestamp: 1_700_000_000_123,
    key: new TextEncoder().encode('M1234-56789'),
    value: Uint8Array.from([0, 255, 1, 254, 10, 13]),
    headers: [['content-type', new TextEncoder().encode('application/json')]],
  };
}

describe('frame codec', () => {
  it('round-trips offset, timestamp, key, value and headers byte for byte, nulls and empties included', () => {
    fc.assert(
      fc.property(frameRecord, (record) => {
        const frame = encodeFrame(record);

        const check = checkFrame(frame, 0, frame.length);
        const decoded = decodeFrame(frame, 0);

        expect(check).toEqual({ kind: 'ok', frameBytes: frame.length, offset: record.offset });
        expect(decoded).toEqual(record);
      }),
    );
  });

  it('decodes a frame that starts in the middle of a larger buffer', () => {
    const frame = encodeFrame(sample());
    const buffer = Buffer.concat([Buffer.from('junk!'), frame, Buffer.from('tail')]);

    const check = checkFrame(buffer, 5, buffer.length);

    expect(check).toEqual({ kind: 'ok', frameBytes: frame.length, offset: 41 });
    expect(decodeFrame(buffer, 5)).toEqual(sample());
  });

  it('reports a frame cut anywhere as short: its header or its body did not reach the end', () => {
    const frame = encodeFrame(sample());
    for (let cut = 0; cut < frame.length; cut++) {
      const check = checkFrame(frame.subarray(0, cut), 0, cut);

      expect(check.kind).toBe(cut < FRAME_HEADER_BYTES ? 'short-header' : 'short-body');
    }
  });

  it('reports any flipped bit as a bad header or a bad body', () => {
    const frame = encodeFrame(sample());
    fc.assert(
      fc.property(fc.nat({ max: frame.length - 1 }), fc.integer({ min: 0, max: 7 }), (at, bit) => {
        const damaged = Buffer.from(frame);
        damaged[at]! ^= 1 << bit;

        const check = checkFrame(damaged, 0, damaged.length);

        expect(check.kind).toBe(at < FRAME_HEADER_BYTES ? 'bad-header' : 'bad-body');
      }),
    );
  });

  it('reports a run of zero bytes, as a crash can leave at the end of a file, as a bad header', () => {
    const zeros = Buffer.alloc(64);

    const check = checkFrame(zeros, 0, zeros.length);

    expect(check.kind).toBe('bad-header');
  });
});
