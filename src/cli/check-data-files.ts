import type { RealtyConfig } from '../config.js';
import { describeQuarantined, type QuarantinedFile } from '../pipeline/quarantine.js';

/**
 * The file check before a command reads the tables: damaged Parquet files are moved to quarantine/
 * and named on stderr (never silently skipped), so the command answers over the rest.
 */
export async function checkDataFiles(config: RealtyConfig): Promise<QuarantinedFile[]> {
  const { quarantineWithConfig } = await import('../runtime/quarantine-deps.js');
  const moved = await quarantineWithConfig(config);
  for (const file of moved) process.stderr.write(`realty: ${describeQuarantined(file)}\n`);
  return moved;
}
