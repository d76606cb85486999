import { parquetMetadata } from 'hyparquet';

const MAGIC = 'PAR1';

/**
 * Why `bytes` cannot be a readable Parquet file, or undefined when its frame and footer hold together:
 * PAR1 at both ends, a footer length that fits, and footer metadata that decodes, with row groups
 * whose column chunks lie inside the file (https://parquet.apache.org/docs/file-format/).
 */
export function parquetDamage(bytes: Uint8Array): string | undefined {
  if (bytes.byteLength < 12) return `${bytes.byteLength} bytes, too short to be a Parquet file`;
  const text = (start: number) => String.fromCharCode(...bytes.subarray(start, start + 4));
  if (text(0) !== MAGIC) return 'does not start with PAR1, the Parquet magic number';
  if (text(bytes.byteLength - 4) !== MAGIC)
    return `ends without the PAR1 footer (${bytes.byteLength} bytes: cut short?)`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const footerBytes = view.getUint32(bytes.byteLength - 8, true);
  if (footerBytes > bytes.byteLength - 12)
    return `its footer claims ${footerBytes} bytes, more than the file holds`;
  try {
    const copy = bytes.slice().buffer;
    const metadata = parquetMetadata(copy);
    return chunksOutside(metadata.row_groups, bytes.byteLength);
  } catch (error) {
    return `its footer does not decode (${error instanceof Error ? error.message : String(error)})`;
  }
}

type RowGroups = ReturnType<typeof parquetMetadata>['row_groups'];

function chunksOutside(rowGroups: RowGroups, fileBytes: number): string | undefined {
  for (const group of rowGroups) {
    for (const column of group.columns) {
      const meta = column.meta_data;
      if (!meta) continue;
      const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      if (start + Number(meta.total_compressed_size) > fileBytes) {
        return `a column chunk (${meta.path_in_schema.join('.')}) lies past the end of the file`;
      }
    }
  }
  return undefined;
}
