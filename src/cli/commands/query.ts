import { type Command, Option } from 'commander';
import { loadConfig } from '../../config.js';
import type { SettingKey } from '../../config-settings.js';
import { UsageError } from '../../errors.js';
import { openQueryEngine } from '../../runtime/query-engine.js';
import { formatResult, type OutputFormat } from '../format-result.js';
import { writeOut } from '../output.js';
import { addSettingOptions, settingFlags } from '../setting-options.js';

const KEYS: readonly SettingKey[] = ['dataDir', 'engine', 'database', 'bucket', 'logLevel'];

/** `realty query "SQL"`: runs one statement on the configured engine and prints the rows. */
export function registerQuery(program: Command): void {
  const command = program
    .command('query')
    .description('Run SQL against the catalog tables (database realty: listings_raw, ...)')
    .argument('<sql>', 'the SQL statement, e.g. "SELECT count(*) FROM listings_raw"')
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    );
  addSettingOptions(command, KEYS);
  command.action(async (sql: string, options: Record<string, unknown>) => {
    if (sql.trim() === '')
      throw new UsageError('the SQL statement is empty; pass it as one argument in quotes');
    const config = loadConfig(process.env, settingFlags(options, KEYS));
    const engine = await openQueryEngine(config);
    try {
      const result = await engine.query(sql);
      await writeOut(formatResult(result, options['format'] as OutputFormat));
    } finally {
      await engine.close();
    }
  });
}
