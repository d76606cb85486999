import { type Command, InvalidArgumentError, Option } from 'commander';
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { INVESTOR_VIEWS, viewQuerySql } from '../../pipeline/investor-views.js';
import { readOnlyStatement } from '../../query/read-only-statement.js';
import { checkDataDir } from '../../runtime/data-dir.js';
import { formatResult, type OutputFormat } from '../format-result.js';
import { writeOut } from '../output.js';
import { addSettingOptions, QUERY_SETTING_KEYS, settingFlags } from '../setting-options.js';

const VIEW_HELP = `
Views (--view NAME): ${INVESTOR_VIEWS.join(', ')}.
--where takes one condition over the view's columns, e.g. --where "discount_pct >= 20 AND state = 'TX'".
It is pasted into the SELECT, so outside string literals it may not hold ';' (a second statement) or
'--', '/*', '*/' (a comment that would hide the rest of the query); run full SQL as the argument instead.`;

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('give a whole number of rows, 1 or more');
  }
  return Number(value);
}

/** The statement to run: the SQL argument, or a SELECT over one investor view. */
function statementOf(sql: string | undefined, options: Record<string, unknown>): string {
  const view = options['view'] as string | undefined;
  const where = options['where'] as string | undefined;
  const limit = options['limit'] as number | undefined;
  if (view === undefined) {
    if (where !== undefined || limit !== undefined) {
      throw new UsageError('--where and --limit go with --view; put them in the SQL otherwise');
    }
    if (sql === undefined || sql.trim() === '') {
      throw new UsageError('give the SQL statement as one argument in quotes, or --view NAME');
    }
    return sql;
  }
  if (sql !== undefined) throw new UsageError('give either the SQL statement or --view, not both');
  return viewQuerySql(view, {
    ...(where === undefined ? {} : { where }),
    ...(limit === undefined ? {} : { limit }),
  });
}

/** `realty query "SQL"` or `realty query --view NAME`: runs one statement on the configured engine and prints the rows. */
export function registerQuery(program: Command): void {
  const command = program
    .command('query')
    .description(
      'Run SQL against the catalog tables (database realty: listings_raw, ...) or show an investor view',
    )
    .argument('[sql]', 'the SQL statement, e.g. "SELECT count(*) FROM listings_raw"')
    .option('--view <name>', `an investor view instead of SQL: ${INVESTOR_VIEWS.join(', ')}`)
    .option('--where <condition>', 'with --view: keep the rows matching this condition (see below)')
    .option('--limit <rows>', 'with --view: at most this many rows', wholeNumber)
    .addOption(
      new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'),
    )
    .addHelpText('after', VIEW_HELP);
  addSettingOptions(command, QUERY_SETTING_KEYS);
  command.action(async (sql: string | undefined, options: Record<string, unknown>) => {
    // Refused before any engine starts: one read-only statement, whatever the engine.
    const statement = readOnlyStatement(statementOf(sql, options));
    const config = loadConfig(process.env, settingFlags(options, QUERY_SETTING_KEYS));
    await checkDataDir(config, 'read');
    const { openQueryEngine } = await import('../../runtime/query-engine.js');
    const engine = await openQueryEngine(config);
    try {
      const result = await engine.query(statement);
      await writeOut(formatResult(result, options['format'] as OutputFormat));
    } finally {
      await engine.close();
    }
  });
}
