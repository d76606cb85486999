import { parquetDamage } from '../adapters/parquet/parquet-damage.js';
import type { RealtyConfig } from '../config.js';
import { type QuarantinedFile, quarantineDamagedFiles } from '../pipeline/quarantine.js';
import { storeFor } from './assemble.js';

/** Moves the damaged Parquet files of the configured store's tables to quarantine/ (see quarantineDamagedFiles). */
export function quarantineWithConfig(config: RealtyConfig): Promise<QuarantinedFile[]> {
  return quarantineDamagedFiles({ store: storeFor(config), damage: parquetDamage });
}
