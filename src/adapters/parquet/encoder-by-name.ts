import { ConfigError } from '../../errors.js';
import type { ParquetEncoder } from '../../ports/parquet-encoder.js';
import { createHyparquetEncoder, type HyparquetEncoderOptions } from './hyparquet-writer.js';
import { createParquetjsLiteEncoder, type ParquetjsLiteEncoderOptions } from './parquetjs-lite.js';

export const ENCODER_NAMES = ['hyparquet', 'parquetjs-lite'] as const;
export type EncoderName = (typeof ENCODER_NAMES)[number];

/** The configured Parquet encoder: 'hyparquet' (default, complete) or 'parquetjs-lite' (selectable). */
export function encoderByName(
  name: EncoderName,
  options: HyparquetEncoderOptions & ParquetjsLiteEncoderOptions = {},
): ParquetEncoder {
  switch (name) {
    case 'hyparquet':
      return createHyparquetEncoder(options);
    case 'parquetjs-lite':
      return createParquetjsLiteEncoder(options);
    default:
      // Reached only when an unchecked string slips past the type, e.g. from a config file.
      throw new ConfigError(
        `unknown Parquet encoder ${JSON.stringify(name)}; use one of: ${ENCODER_NAMES.join(', ')}`,
      );
  }
}
