import type { ByteSink } from './byte-sink.js';

// Apache Thrift's compact protocol (thrift/doc/specs/thrift-compact-protocol.md), the encoding of every
// Parquet page header and footer. Type ids of a field header:
const BOOLEAN_TRUE = 1;
const BOOLEAN_FALSE = 2;
const I32 = 5;
const I64 = 6;
const BINARY = 8;
const LIST = 9;
const STRUCT = 12;

/** Element types a list can hold. */
export const LIST_OF = { i32: I32, i64: I64, binary: BINARY, struct: STRUCT } as const;
export type ListElement = (typeof LIST_OF)[keyof typeof LIST_OF];

/**
 * Writes Thrift structs field by field, in increasing field id order. Field ids are written as a delta from
 * the previous field of the same struct when the delta fits in 4 bits, as the compact protocol asks.
 */
export class ThriftWriter {
  private lastFieldId = 0;
  private readonly outer: number[] = [];

  constructor(readonly sink: ByteSink) {}

  i32(id: number, value: number): void {
    this.field(id, I32);
    this.sink.zigzag(value);
  }

  i64(id: number, value: number): void {
    this.field(id, I64);
    this.sink.zigzag(value);
  }

  bool(id: number, value: boolean): void {
    this.field(id, value ? BOOLEAN_TRUE : BOOLEAN_FALSE);
  }

  binary(id: number, bytes: Uint8Array): void {
    this.field(id, BINARY);
    this.sink.varint(bytes.length);
    this.sink.append(bytes);
  }

  string(id: number, text: string): void {
    this.field(id, BINARY);
    this.sink.varint(Buffer.byteLength(text, 'utf8'));
    this.sink.utf8(text);
  }

  /** Opens a struct-typed field; close it with end(). */
  struct(id: number): void {
    this.field(id, STRUCT);
    this.enter();
  }

  /** Opens a list-typed field of `size` elements. */
  list(id: number, element: ListElement, size: number): void {
    this.field(id, LIST);
    if (size < 15) this.sink.byte((size << 4) | element);
    else {
      this.sink.byte(0xf0 | element);
      this.sink.varint(size);
    }
  }

  /** Opens a struct that is a list element (or the top-level struct); close it with end(). */
  element(): void {
    this.enter();
  }

  /** Closes the innermost struct. */
  end(): void {
    this.sink.byte(0);
    this.lastFieldId = this.outer.pop() ?? 0;
  }

  /** A string list element. */
  stringElement(text: string): void {
    this.sink.varint(Buffer.byteLength(text, 'utf8'));
    this.sink.utf8(text);
  }

  /** An i32 list element. */
  i32Element(value: number): void {
    this.sink.zigzag(value);
  }

  private enter(): void {
    this.outer.push(this.lastFieldId);
    this.lastFieldId = 0;
  }

  private field(id: number, type: number): void {
    const delta = id - this.lastFieldId;
    if (delta > 0 && delta <= 15) this.sink.byte((delta << 4) | type);
    else {
      this.sink.byte(type);
      this.sink.zigzag(id);
    }
    this.lastFieldId = id;
  }
}
