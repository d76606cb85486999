import { ConfigError } from '../../errors.js';
import type { ParquetEncoder } from '../../ports/parquet-encoder.js';
import { createFlatEncoder } from './flat-parquet-writer.js';
import { declareParquetjsLiteGlobals } from './parquetjs-lite-globals.js';
import { checkRowGroupRows, DEFAULT_ROW_GROUP_ROWS } from './writer-metadata.js';

export const ENCODER_NAMES = ['hyparquet', 'parquetjs-lite', 'flat'] as const;
export type EncoderName = (typeof ENCODER_NAMES)[number];

export interface EncoderOptions {
  /** Rows per row group (default 100,000). */
  rowGroupRows?: number;
}

/**
 * The configured Parquet encoder: 'hyparquet' (hyparquet-writer), 'parquetjs-lite' (selectable), or 'flat' (the
 * project's own writer for flat tables, the fastest: docs/performance.md). Only the chosen library is loaded,
 * on its first file: a Lambda cold start pays for one writer, and parquetjs-lite's generated Thrift code, which
 * assigns undeclared globals, runs only when asked for, after those globals are declared (parquetjs-lite-globals.ts).
 */
export function encoderByName(name: EncoderName, options: EncoderOptions = {}): ParquetEncoder {
  const rowGroupRows = checkRowGroupRows(options.rowGroupRows ?? DEFAULT_ROW_GROUP_ROWS);
  switch (name) {
    case 'flat':
      return createFlatEncoder({ rowGroupRows });
    case 'hyparquet':
      return loadedOnFirstUse(name, async () =>
        (await import('./hyparquet-writer.js')).createHyparquetEncoder({ rowGroupRows }),
      );
    case 'parquetjs-lite':
      return loadedOnFirstUse(name, async () => {
        declareParquetjsLiteGlobals();
        return (await import('./parquetjs-lite.js')).createParquetjsLiteEncoder({ rowGroupRows });
      });
    default:
      // Reached only when an unchecked string slips past the type, e.g. from a config file.
      throw new ConfigError(
        `unknown Parquet encoder ${JSON.stringify(name)}; use one of: ${ENCODER_NAMES.join(', ')}`,
      );
  }
}

function loadedOnFirstUse(name: EncoderName, load: () => Promise<ParquetEncoder>): ParquetEncoder {
  let loaded: Promise<ParquetEncoder> | undefined;
  return {
    name,
    encode: async (records, columns) => {
      loaded ??= load();
      return (await loaded).encode(records, columns);
    },
  };
}
