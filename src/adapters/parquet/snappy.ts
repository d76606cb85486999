import type { ByteSink } from './byte-sink.js';

// Snappy's raw format (google/snappy format_description.txt): a varint of the uncompressed length, then
// literals and back-references ("copies"). The matcher is the reference compressor's (snappy.cc
// CompressFragment): hash 4-byte sequences, skip ahead faster the longer nothing matches, extend every match.
// It writes straight into the sink's buffer: no object per literal or copy.

const MAX_TABLE_BITS = 14;
const MIN_TABLE_BITS = 8;
const MAX_OFFSET = 0xffff;
// The reference compressor stops matching this close to the end, so 4-byte loads never run past the input.
const INPUT_MARGIN = 15;
const SHORT_LITERAL = 32;
const TAG_COPY_1 = 1;
const TAG_COPY_2 = 2;

const tables: Uint32Array[] = [];

/** Appends the Snappy compression of the first `size` bytes of `input` to `sink`. */
export function snappyCompress(input: Uint8Array, sink: ByteSink, size = input.length): void {
  // Worst case of the format: every byte a literal, plus literal tags (snappy.cc MaxCompressedLength).
  const out = sink.reserve(32 + size + Math.ceil(size / 6));
  const start = writeVarint(out, sink.length, size);
  sink.length =
    size < INPUT_MARGIN ? literal(out, start, input, 0, size) : compressBody(input, size, out, start);
}

/** Literals and copies of input[0, size) from `at` in `out`; returns where they end. */
function compressBody(input: Uint8Array, size: number, out: Uint8Array, at: number): number {
  const bits = tableBits(size);
  const shift = 32 - bits;
  const table = hashTable(bits);
  const limit = size - INPUT_MARGIN;
  let o = at;
  let emitted = 0;
  let ip = 1;
  let nextHash = hash(input, ip, shift);
  for (;;) {
    let skip = 32;
    let nextIp = ip;
    let candidate = 0;
    do {
      ip = nextIp;
      const current = nextHash;
      nextIp = ip + (skip++ >>> 5);
      if (nextIp > limit) return literal(out, o, input, emitted, size);
      nextHash = hash(input, nextIp, shift);
      candidate = table[current] as number;
      table[current] = ip;
    } while (ip - candidate > MAX_OFFSET || !equal4(input, ip, candidate));
    o = literal(out, o, input, emitted, ip);
    do {
      const start = ip;
      let matched = 4;
      while (ip + matched < size && input[ip + matched] === input[candidate + matched]) matched++;
      ip += matched;
      o = copy(out, o, start - candidate, matched);
      emitted = ip;
      if (ip >= limit) return literal(out, o, input, emitted, size);
      table[hash(input, ip - 1, shift)] = ip - 1;
      const current = hash(input, ip, shift);
      candidate = table[current] as number;
      table[current] = ip;
    } while (ip - candidate <= MAX_OFFSET && equal4(input, ip, candidate));
    ip += 1;
    nextHash = hash(input, ip, shift);
  }
}

/** The hash table of 2^bits positions, zeroed; one per size, kept for the next page. */
function hashTable(bits: number): Uint32Array {
  let table = tables[bits];
  if (table === undefined) {
    table = new Uint32Array(1 << bits);
    tables[bits] = table;
  } else table.fill(0);
  return table;
}

function tableBits(size: number): number {
  let bits = MIN_TABLE_BITS;
  while (bits < MAX_TABLE_BITS && 1 << bits < size) bits++;
  return bits;
}

function hash(input: Uint8Array, at: number, shift: number): number {
  const word =
    (input[at] as number) |
    ((input[at + 1] as number) << 8) |
    ((input[at + 2] as number) << 16) |
    ((input[at + 3] as number) << 24);
  return Math.imul(word, 0x1e35a7bd) >>> shift;
}

function equal4(input: Uint8Array, a: number, b: number): boolean {
  return (
    input[a] === input[b] &&
    input[a + 1] === input[b + 1] &&
    input[a + 2] === input[b + 2] &&
    input[a + 3] === input[b + 3]
  );
}

function writeVarint(out: Uint8Array, at: number, value: number): number {
  let o = at;
  let rest = value;
  while (rest >= 0x80) {
    out[o++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  out[o++] = rest;
  return o;
}

/** Literal of input[from, to): tag (length - 1 in the tag up to 60, else in 1-4 following bytes), then the bytes. */
function literal(out: Uint8Array, at: number, input: Uint8Array, from: number, to: number): number {
  const length = to - from;
  if (length === 0) return at;
  let o = at;
  const n = length - 1;
  if (n < 60) out[o++] = n << 2;
  else {
    const extra = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1000000 ? 3 : 4;
    out[o++] = (59 + extra) << 2;
    for (let i = 0; i < extra; i++) out[o++] = (n >>> (8 * i)) & 0xff;
  }
  // Short literals are the common case between copies: a loop beats making a subarray view for each.
  if (length <= SHORT_LITERAL) for (let i = 0; i < length; i++) out[o + i] = input[from + i] as number;
  else out.set(input.subarray(from, to), o);
  return o + length;
}

/** Copy of `length` bytes from `offset` back, split into copies of at most 64 bytes as the format allows. */
function copy(out: Uint8Array, at: number, offset: number, length: number): number {
  let o = at;
  let rest = length;
  while (rest >= 68) {
    o = shortCopy(out, o, offset, 64);
    rest -= 64;
  }
  if (rest > 64) {
    o = shortCopy(out, o, offset, 60);
    rest -= 60;
  }
  return shortCopy(out, o, offset, rest);
}

function shortCopy(out: Uint8Array, at: number, offset: number, length: number): number {
  if (length < 12 && offset < 2048) {
    out[at] = TAG_COPY_1 | ((length - 4) << 2) | ((offset >>> 8) << 5);
    out[at + 1] = offset & 0xff;
    return at + 2;
  }
  out[at] = TAG_COPY_2 | ((length - 1) << 2);
  out[at + 1] = offset & 0xff;
  out[at + 2] = offset >>> 8;
  return at + 3;
}
