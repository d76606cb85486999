/**
 * A growable little-endian byte buffer: the one place the flat Parquet writer puts bytes. Numbers go through a
 * DataView (which V8 inlines), strings through Buffer#write straight into the buffer, and sinks copy into each
 * other without views: the hot path makes no object per value.
 */
export class ByteSink {
  /** The buffer written so far up to `length`; replaced when it grows. */
  bytes: Buffer;
  private data: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(initialBytes = 4096) {
    this.bytes = Buffer.allocUnsafe(initialBytes);
    this.data = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
  }

  /** Forgets what was written, keeping the memory for the next use. */
  reset(): void {
    this.length = 0;
  }

  /** The bytes written, as a view that stays valid until the next write or reset. */
  view(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  /** A copy of the bytes written, owned by the caller. */
  copy(): Uint8Array {
    const out = new Uint8Array(this.length);
    out.set(this.bytes.subarray(0, this.length));
    return out;
  }

  byte(value: number): void {
    this.room(1);
    this.bytes[this.length++] = value;
  }

  int32(value: number): void {
    this.room(4);
    this.data.setInt32(this.length, value, true);
    this.length += 4;
  }

  /** An INT64 from a safe integer, as two 32-bit halves (no BigInt per value). */
  int64(value: number): void {
    this.room(8);
    const high = Math.floor(value / 0x1_0000_0000);
    this.data.setUint32(this.length, value - high * 0x1_0000_0000, true);
    this.data.setInt32(this.length + 4, high, true);
    this.length += 8;
  }

  double(value: number): void {
    this.room(8);
    this.data.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** An unsigned LEB128 varint of a non-negative safe integer. */
  varint(value: number): void {
    this.room(10);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[this.length++] = rest;
  }

  /** A zigzag varint, Thrift's i16/i32/i64 encoding, of a safe integer. */
  zigzag(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  append(source: Uint8Array): void {
    this.room(source.length);
    this.bytes.set(source, this.length);
    this.length += source.length;
  }

  /** Appends what `other` holds, copied buffer to buffer. */
  appendSink(other: ByteSink): void {
    this.room(other.length);
    other.bytes.copy(this.bytes, this.length, 0, other.length);
    this.length += other.length;
  }

  /** Writes `text` as UTF-8 and returns its length in bytes. */
  utf8(text: string): number {
    // UTF-8 never takes more than 3 bytes per UTF-16 code unit.
    this.room(text.length * 3);
    const written = this.bytes.write(text, this.length, 'utf8');
    this.length += written;
    return written;
  }

  /** Writes `text` as Parquet PLAIN BYTE_ARRAY: a 4-byte length, then the UTF-8 bytes. */
  lengthPrefixedUtf8(text: string): void {
    this.room(4 + text.length * 3);
    const written = this.bytes.write(text, this.length + 4, 'utf8');
    this.data.setInt32(this.length, written, true);
    this.length += 4 + written;
  }

  /**
   * Room for `extra` more bytes: the buffer to write them into, from index `length`. The caller writes them
   * and then moves `length` past them.
   */
  reserve(extra: number): Buffer {
    this.room(extra);
    return this.bytes;
  }

  /** Overwrites 4 bytes at `offset` (a length known only after what follows was written). */
  patchInt32(offset: number, value: number): void {
    this.data.setInt32(offset, value, true);
  }

  private room(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + extra));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
    this.data = new DataView(grown.buffer, grown.byteOffset, grown.length);
  }
}
