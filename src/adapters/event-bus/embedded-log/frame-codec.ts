import { crc32 } from 'node:zlib';
import { LogCorruptError } from '../../../errors.js';

/**
 * One record on disk, big-endian:
 *   header: u32 bodyBytes | u32 crc32(body) | u32 crc32(first 8 header bytes)
 *   body:   i64 offset | i64 timestamp | u8 attributes | i32 keyBytes (-1 = null) | key
 *           | i32 valueBytes (-1 = null) | value | u32 headerCount | (u32 nameBytes | name | u32 bytes | value)*
 * The header has its own checksum so a damaged length is told apart from a write cut short at the tail.
 * Checksums are CRC-32 (zlib.crc32, native) rather than Kafka's CRC-32C: this is not Kafka's wire format,
 * both catch every burst error up to 32 bits, and the native one was about 10x faster here (1.5 GB/s vs ~0.15).
 */
export interface FrameRecord {
  offset: number;
  timestamp: number;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: [string, Uint8Array][];
}

export const FRAME_HEADER_BYTES = 12;
const MIN_BODY_BYTES = 8 + 8 + 1 + 4 + 4 + 4;
// A sanity bound on one record, far above any listing (Kafka's default message.max.bytes is about 1 MiB).
export const MAX_BODY_BYTES = 256 * 1024 * 1024;

export type FrameCheck =
  | { kind: 'ok'; frameBytes: number; offset: number }
  | { kind: 'short-header' }
  | { kind: 'bad-header' }
  | { kind: 'short-body'; frameBytes: number }
  | { kind: 'bad-body'; frameBytes: number };

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** Serialises a record into one self-checking frame. */
export function encodeFrame(record: FrameRecord): Buffer {
  const names = record.headers.map(([name]) => utf8.encode(name));
  let bodyBytes = MIN_BODY_BYTES + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  record.headers.forEach(([, value], i) => {
    bodyBytes += 8 + names[i]!.length + value.length;
  });
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + bodyBytes);
  let at = FRAME_HEADER_BYTES;
  at = frame.writeBigInt64BE(BigInt(record.offset), at);
  at = frame.writeBigInt64BE(BigInt(record.timestamp), at);
  at = frame.writeUInt8(0, at);
  at = writeBytes(frame, at, record.key);
  at = writeBytes(frame, at, record.value);
  at = frame.writeUInt32BE(record.headers.length, at);
  record.headers.forEach(([, value], i) => {
    at = writeBytes(frame, at, names[i]!);
    at = writeBytes(frame, at, value);
  });
  frame.writeUInt32BE(bodyBytes, 0);
  frame.writeUInt32BE(crc32(frame.subarray(FRAME_HEADER_BYTES)), 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  return frame;
}

function writeBytes(frame: Buffer, at: number, bytes: Uint8Array | null): number {
  if (bytes === null) return frame.writeInt32BE(-1, at);
  const next = frame.writeInt32BE(bytes.length, at);
  frame.set(bytes, next);
  return next + bytes.length;
}

/** Checks the frame at `at` in `buffer[0, end)`: complete, and both checksums right. */
export function checkFrame(buffer: Buffer, at: number, end: number): FrameCheck {
  if (end - at < FRAME_HEADER_BYTES) return { kind: 'short-header' };
  const bodyBytes = buffer.readUInt32BE(at);
  const headerOk = crc32(buffer.subarray(at, at + 8)) === buffer.readUInt32BE(at + 8);
  if (!headerOk || bodyBytes < MIN_BODY_BYTES || bodyBytes > MAX_BODY_BYTES) return { kind: 'bad-header' };
  const frameBytes = FRAME_HEADER_BYTES + bodyBytes;
  if (end - at < frameBytes) return { kind: 'short-body', frameBytes };
  const body = buffer.subarray(at + FRAME_HEADER_BYTES, at + frameBytes);
  if (crc32(body) !== buffer.readUInt32BE(at + 4)) return { kind: 'bad-body', frameBytes };
  return { kind: 'ok', frameBytes, offset: Number(body.readBigInt64BE(0)) };
}

/** Decodes a frame that checkFrame found ok; copies key, value and headers out of `buffer`. */
export function decodeFrame(buffer: Buffer, at: number, where = 'frame'): FrameRecord {
  const end = at + FRAME_HEADER_BYTES + buffer.readUInt32BE(at);
  const reader = { buffer, at: at + FRAME_HEADER_BYTES, end, where };
  const offset = Number(buffer.readBigInt64BE(reader.at));
  const timestamp = Number(buffer.readBigInt64BE(reader.at + 8));
  reader.at += 17;
  const key = readBytes(reader);
  const value = readBytes(reader);
  const count = readLength(reader);
  const headers: [string, Uint8Array][] = [];
  for (let i = 0; i < count; i++) {
    const name = readBytes(reader);
    const headerValue = readBytes(reader);
    if (name === null || headerValue === null) throw malformed(reader, 'a header with a null name or value');
    headers.push([utf8Decoder.decode(name), headerValue]);
  }
  if (reader.at !== end) throw malformed(reader, `${end - reader.at} unexplained bytes after the headers`);
  return { offset, timestamp, key, value, headers };
}

interface BodyReader {
  buffer: Buffer;
  at: number;
  end: number;
  where: string;
}

function readLength(reader: BodyReader): number {
  if (reader.at + 4 > reader.end) throw malformed(reader, 'a length field past the end of the frame');
  const length = reader.buffer.readInt32BE(reader.at);
  reader.at += 4;
  return length;
}

function readBytes(reader: BodyReader): Uint8Array | null {
  const length = readLength(reader);
  if (length === -1) return null;
  if (length < 0 || reader.at + length > reader.end) throw malformed(reader, `a field length of ${length}`);
  // A plain Uint8Array copy: a Buffer would compare unequal to one and would pin the whole read buffer.
  const bytes = new Uint8Array(length);
  bytes.set(reader.buffer.subarray(reader.at, reader.at + length));
  reader.at += length;
  return bytes;
}

function malformed(reader: BodyReader, what: string): LogCorruptError {
  return new LogCorruptError(
    `${reader.where} has a valid checksum but ${what}; it was not written by this log format: ` +
      'move the log directory aside and re-ingest',
  );
}
