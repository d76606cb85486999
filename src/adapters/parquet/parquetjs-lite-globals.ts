// parquetjs-lite's generated Thrift code (gen-nodejs/parquet_types.js, Thrift 0.9.1) assigns each struct's
// constructor to an undeclared name: `Statistics = module.exports.Statistics = function (args) {...}`. Loaded from
// node_modules (sloppy mode) that creates a global; inside a Lambda bundle, which esbuild emits in strict mode
// ("use strict" on its first line), it throws `ReferenceError: Statistics is not defined` on the first file.
export const THRIFT_STRUCT_NAMES = [
  'Statistics',
  'StringType',
  'UUIDType',
  'MapType',
  'ListType',
  'EnumType',
  'DateType',
  'NullType',
  'DecimalType',
  'MilliSeconds',
  'MicroSeconds',
  'TimeUnit',
  'TimestampType',
  'TimeType',
  'IntType',
  'JsonType',
  'BsonType',
  'LogicalType',
  'SchemaElement',
  'DataPageHeader',
  'DataPageHeaderV2',
  'IndexPageHeader',
  'DictionaryPageHeader',
  'PageHeader',
  'KeyValue',
  'SortingColumn',
  'PageEncodingStats',
  'ColumnMetaData',
  'ColumnChunk',
  'RowGroup',
  'TypeDefinedOrder',
  'ColumnOrder',
  'PageLocation',
  'OffsetIndex',
  'ColumnIndex',
  'FileMetaData',
] as const;

/**
 * Declares, before parquetjs-lite loads, the globals its Thrift code would create in sloppy mode, so that its
 * assignments land on them in strict mode too. The same globals either way; an existing one is left alone.
 */
export function declareParquetjsLiteGlobals(): void {
  const global = globalThis as Record<string, unknown>;
  for (const name of THRIFT_STRUCT_NAMES) if (!(name in global)) global[name] = undefined;
}
