import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import {
  EXPORT_FORMATS,
  EXPORTABLE_TABLES,
  exportableTable,
  exportFormat,
} from '../../pipeline/export-statement.js';
import { writeOut } from '../output.js';
import { addSettingOptions, settingFlags } from '../setting-options.js';

const KEYS = ['dataDir', 'database', 'engine', 'logLevel'] as const;

const HELP = `
Tables: ${EXPORTABLE_TABLES.join(', ')}.
--where takes one condition over the table's columns, e.g. --where "state = 'TX' AND list_price < 300000";
no second statement, subquery or table function. In pandas: pd.read_parquet('listings.parquet').`;

/** `realty export TABLE --format parquet|csv --out FILE [--where ...]`: one table or view to a file for pandas, polars or R. */
export function registerExport(program: Command): void {
  const command = program
    .command('export')
    .description('Write one table or view to a Parquet or CSV file (for pandas, polars, R)')
    .argument('<table>', `the table or view: ${EXPORTABLE_TABLES.join(', ')}`)
    .option('--format <format>', `file format: ${EXPORT_FORMATS.join(' or ')}`, 'parquet')
    .requiredOption('--out <file>', 'the file to write, e.g. listings.parquet')
    .option('--where <condition>', 'keep the rows matching this condition, e.g. "state = \'TX\'"')
    .option('--json', 'print the summary as one JSON object')
    .addHelpText('after', HELP);
  addSettingOptions(command, KEYS);
  command.action(async (name: string, options: Record<string, unknown>) => {
    const table = exportableTable(name);
    const out = String(options['out']);
    const where = options['where'] as string | undefined;
    const config = loadConfig(process.env, settingFlags(options, KEYS));
    const [{ exportTable }, { exportDepsFor }] = await Promise.all([
      import('../../pipeline/export-table.js'),
      import('../../runtime/export-deps.js'),
    ]);
    const deps = await exportDepsFor(config, out);
    try {
      const request = {
        table,
        format: exportFormat(String(options['format'])),
        ...(where === undefined ? {} : { where }),
      };
      const summary = { ...(await exportTable(request, deps)), out: path.resolve(out) };
      await writeOut(
        options['json']
          ? JSON.stringify(summary)
          : `exported ${summary.rows} row(s) of ${table} to ${summary.out} (${summary.format})`,
      );
    } finally {
      await deps.engine.close();
    }
  });
}
