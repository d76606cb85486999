import thrift from 'parquetjs-lite/gen-nodejs/parquet_types.js';
import thriftUtil from 'parquetjs-lite/lib/util.js';
import { ParquetError } from '../../errors.js';

// A Parquet file ends with: footer (thrift FileMetaData), 4-byte little-endian footer length, 'PAR1'.
const MAGIC = 'PAR1';
const TAIL_BYTES = 8;

/**
 * Rewrites the footer of a parquetjs-lite file so that each converted type also carries its
 * logical type (UTF8 → STRING, DATE → DATE, TIMESTAMP_MILLIS → TIMESTAMP(isAdjustedToUTC=true,
 * MILLIS)), as the Parquet spec's compatibility rules define them. parquetjs-lite writes converted
 * types only, and DuckDB then reads TIMESTAMP_MILLIS as a zone-less TIMESTAMP. The footer is the
 * last thing in the file and no offset points past its start, so only the footer changes.
 */
export function withLogicalTypes(file: Uint8Array): Uint8Array {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const footerStart = footerOffset(bytes);
  const metadata = new thrift.FileMetaData();
  thriftUtil.decodeThrift(metadata, bytes.subarray(0, bytes.length - TAIL_BYTES), footerStart);
  for (const element of metadata.schema) {
    const logicalType = logicalTypeFor(element.converted_type);
    if (logicalType) element.logicalType = logicalType;
  }
  const footer = thriftUtil.serializeThrift(metadata);
  const tail = Buffer.alloc(TAIL_BYTES);
  tail.writeUInt32LE(footer.length, 0);
  tail.write(MAGIC, 4, 'latin1');
  return new Uint8Array(Buffer.concat([bytes.subarray(0, footerStart), footer, tail]));
}

function footerOffset(bytes: Buffer): number {
  const ok =
    bytes.length >= 2 * MAGIC.length + TAIL_BYTES &&
    bytes.toString('latin1', 0, 4) === MAGIC &&
    bytes.toString('latin1', bytes.length - 4) === MAGIC;
  const footerLength = ok ? bytes.readUInt32LE(bytes.length - TAIL_BYTES) : -1;
  const start = bytes.length - TAIL_BYTES - footerLength;
  if (!ok || start < MAGIC.length) {
    throw new ParquetError(
      'parquetjs-lite produced bytes that are not a Parquet file (bad magic or footer length); ' +
        'report it with the records that caused it, and use the hyparquet encoder meanwhile',
    );
  }
  return start;
}

function logicalTypeFor(convertedType: number | null): object | undefined {
  switch (convertedType) {
    case thrift.ConvertedType.UTF8:
      return new thrift.LogicalType({ STRING: new thrift.StringType() });
    case thrift.ConvertedType.DATE:
      return new thrift.LogicalType({ DATE: new thrift.DateType() });
    case thrift.ConvertedType.TIMESTAMP_MILLIS:
      return new thrift.LogicalType({
        TIMESTAMP: new thrift.TimestampType({
          isAdjustedToUTC: true,
          unit: new thrift.TimeUnit({ MILLIS: new thrift.MilliSeconds() }),
        }),
      });
    default:
      return undefined;
  }
}
