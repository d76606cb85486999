import type { RealtyConfig } from '../../../../src/config.js';
import { openQueryEngine } from '../../../../src/runtime/query-engine.js';

/** Rows of one statement on the configured engine, as objects keyed by column name. */
export async function queryRows<T>(config: RealtyConfig, sql: string): Promise<T[]> {
  const engine = await openQueryEngine(config);
  try {
    const result = await engine.query(sql);
    return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])) as T);
  } finally {
    await engine.close();
  }
}
