import { ByteSink } from './byte-sink.js';
import { encodeBounds, widerBound } from './column-statistics.js';
import { type ColumnRows, encodeColumnValues } from './column-values.js';
import { type ChunkMeta, writeDataPageHeader } from './parquet-thrift.js';
import { snappyCompress } from './snappy.js';
import type { ThriftWriter } from './thrift-compact.js';

/**
 * Rows per data page. A page is the unit a reader decompresses at once: 10,000 listing rows make pages of
 * at most about 1 MB (the long `href` column), the page size parquet-mr and hyparquet-writer aim for.
 */
export const PAGE_ROWS = 10_000;

/** Buffers reused from one page to the next, so a file allocates them once. */
export interface ChunkScratch {
  values: ByteSink;
  page: ByteSink;
  compressed: ByteSink;
  defined: Uint8Array;
}

export function chunkScratch(): ChunkScratch {
  return {
    values: new ByteSink(),
    page: new ByteSink(),
    compressed: new ByteSink(),
    defined: new Uint8Array(PAGE_ROWS),
  };
}

/** Writes one column chunk: Snappy DATA_PAGEs (v1) of up to PAGE_ROWS rows, with the chunk's statistics. */
export function writeColumnChunk(out: ThriftWriter, rows: ColumnRows, scratch: ChunkScratch): ChunkMeta {
  const fileOffset = out.sink.length;
  let uncompressedBytes = 0;
  let nullCount = 0;
  let min: string | number | boolean | null = null;
  let max: string | number | boolean | null = null;
  for (let from = rows.from; from < rows.to; from += PAGE_ROWS) {
    const to = Math.min(from + PAGE_ROWS, rows.to);
    const page = writePage(out, { ...rows, from, to }, scratch);
    uncompressedBytes += page.uncompressedBytes;
    nullCount += page.nullCount;
    min = widerBound('min', min, page.min);
    max = widerBound('max', max, page.max);
  }
  const bounds = encodeBounds(rows.spec.type, min, max);
  return {
    spec: rows.spec,
    fileOffset,
    rows: rows.to - rows.from,
    uncompressedBytes,
    compressedBytes: out.sink.length - fileOffset,
    nullCount,
    min: bounds?.min ?? null,
    max: bounds?.max ?? null,
  };
}

/**
 * One DATA_PAGE (v1): the definition levels (RLE/bit-packed hybrid, bit width 1, after their 4-byte length)
 * and the PLAIN values, compressed together as v1 pages are.
 */
function writePage(out: ThriftWriter, rows: ColumnRows, scratch: ChunkScratch) {
  const { values, page, compressed, defined } = scratch;
  const count = rows.to - rows.from;
  values.reset();
  page.reset();
  compressed.reset();
  const pass = encodeColumnValues(rows, values, defined);
  page.int32(0);
  writeDefinitionLevels(page, defined, count, pass.nullCount);
  page.patchInt32(0, page.length - 4);
  page.appendSink(values);
  snappyCompress(page.bytes, compressed, page.length);
  const headerStart = out.sink.length;
  writeDataPageHeader(out, {
    values: count,
    uncompressedBytes: page.length,
    compressedBytes: compressed.length,
  });
  const headerBytes = out.sink.length - headerStart;
  out.sink.appendSink(compressed);
  return { ...pass, uncompressedBytes: headerBytes + page.length };
}

/**
 * Definition levels in Parquet's RLE/bit-packed hybrid with bit width 1: one RLE run when every row is
 * defined (or none is), else bit-packed groups of 8, least significant bit first (the spec's LSB order).
 */
export function writeDefinitionLevels(
  sink: ByteSink,
  defined: Uint8Array,
  count: number,
  nulls: number,
): void {
  if (nulls === 0 || nulls === count) {
    sink.varint(count * 2);
    sink.byte(nulls === 0 ? 1 : 0);
    return;
  }
  const groups = Math.ceil(count / 8);
  sink.varint(groups * 2 + 1);
  for (let group = 0; group < groups; group++) {
    let bits = 0;
    const base = group * 8;
    const end = Math.min(8, count - base);
    for (let bit = 0; bit < end; bit++) bits |= (defined[base + bit] as number) << bit;
    sink.byte(bits);
  }
}
