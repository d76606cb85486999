// parquetjs-lite ships no type declarations: these cover the parts our encoder uses.
// Each module is CommonJS, so each is declared with `export =`.

declare module 'parquetjs-lite' {
  import type { Writable } from 'node:stream';

  namespace parquet {
    interface FieldDefinition {
      type: string;
      optional?: boolean;
      compression?: 'UNCOMPRESSED' | 'GZIP' | 'SNAPPY';
      statistics?: boolean;
    }

    interface WriterOptions {
      rowGroupSize?: number;
      pageSize?: number;
      useDataPageV2?: boolean;
      pageIndex?: boolean;
    }

    class ParquetSchema {
      constructor(fields: Record<string, FieldDefinition>);
    }

    class ParquetWriter {
      static openStream(
        schema: ParquetSchema,
        output: Writable,
        options?: WriterOptions,
      ): Promise<ParquetWriter>;
      appendRow(row: Record<string, unknown>): Promise<void>;
      setMetadata(key: string, value: string): void;
      close(): Promise<void>;
    }
  }
  export = parquet;
}

declare module 'parquetjs-lite/lib/util.js' {
  /** Thrift compact-protocol (de)serialisation of the generated parquet-format structs. */
  const util: {
    decodeThrift(target: object, buffer: Buffer, offset?: number): number;
    serializeThrift(source: object): Buffer;
  };
  export = util;
}

declare module 'parquetjs-lite/gen-nodejs/parquet_types.js' {
  type ThriftStructClass = new (args?: Record<string, unknown>) => object;

  const types: {
    FileMetaData: new () => {
      schema: { name: string; converted_type: number | null; logicalType: object | null }[];
    };
    ConvertedType: Record<'UTF8' | 'DATE' | 'TIMESTAMP_MILLIS', number>;
    LogicalType: ThriftStructClass;
    StringType: ThriftStructClass;
    DateType: ThriftStructClass;
    TimestampType: ThriftStructClass;
    TimeUnit: ThriftStructClass;
    MilliSeconds: ThriftStructClass;
  };
  export = types;
}
