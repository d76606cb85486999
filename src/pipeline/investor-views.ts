import { QueryError, UsageError } from '../errors.js';
import type { Catalog } from '../ports/catalog.js';
import type { QueryEngine } from '../ports/query-engine.js';
import type { ViewCatalog, ViewDefinition } from '../ports/view-catalog.js';
import { ensureCuratedTables } from './curated-tables.js';

/** The views investors' questions are answered with, in creation order (market_momentum reads market_summary). */
export const INVESTOR_VIEWS = [
  'market_summary',
  'price_history',
  'rental_yield',
  'deal_screen',
  'market_momentum',
] as const;
export type InvestorViewName = (typeof INVESTOR_VIEWS)[number];

/** deal_screen keeps listings at least this many percent under their comparables' median $/sqft (jobs/views/deal_screen.sql). */
export const DEAL_SCREEN_MIN_DISCOUNT_PCT = 10;

/** Whether `name` is one of the investor views. */
export function isInvestorView(name: string): name is InvestorViewName {
  return (INVESTOR_VIEWS as readonly string[]).includes(name);
}

/** Reads the SQL text of one view (readViewSql reads jobs/views/<name>.sql). */
export type ReadViewSql = (name: InvestorViewName) => Promise<string>;

/** The investor views of `database`, in creation order, their SQL read through `readSql`. */
export async function investorViewDefinitions(
  database: string,
  readSql: ReadViewSql,
): Promise<ViewDefinition[]> {
  return Promise.all(INVESTOR_VIEWS.map(async (name) => ({ database, name, sql: await readSql(name) })));
}

export interface InvestorViewDeps {
  catalog: Catalog;
  views: ViewCatalog;
  readSql: ReadViewSql;
  database: string;
  /** When given, each view must run on it (opened after the views are saved, e.g. a new DuckDB engine). */
  engine?: QueryEngine;
}

/** Saves the investor views after the curated tables they read, then proves each one runs on `engine`. */
export async function createInvestorViews(deps: InvestorViewDeps): Promise<ViewDefinition[]> {
  await ensureCuratedTables(deps.catalog, deps.database);
  const definitions = await investorViewDefinitions(deps.database, deps.readSql);
  for (const view of definitions) await deps.views.ensureView(view);
  if (deps.engine) {
    for (const view of definitions) {
      try {
        await deps.engine.query(`SELECT * FROM ${view.name} LIMIT 0`);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new QueryError(
          `view ${view.name} was saved but does not run: ${reason}; fix jobs/views/${view.name}.sql`,
          {
            cause: error,
          },
        );
      }
    }
  }
  return definitions;
}

export interface ViewQueryOptions {
  /** A boolean SQL expression over the view's columns, e.g. "discount_pct >= 20 AND state = 'TX'". */
  where?: string;
  /** At most this many rows (a whole number, 1 or more). */
  limit?: number;
}

// --where is pasted into one SELECT: a ';' would start a second statement and a comment would swallow
// the rest (the LIMIT), so neither may appear outside a string literal.
const STATEMENT_BREAKERS: readonly [RegExp, string][] = [
  [/;/, "';' (one expression, not a second statement)"],
  [/--/, "'--' (a comment would hide the rest of the query)"],
  [/\/\*|\*\//, "'/*' or '*/' (a comment would hide the rest of the query)"],
];

/** `SELECT * FROM <view> [WHERE (<where>)] [LIMIT <limit>]`, after checking the name and the filter. */
export function viewQuerySql(name: string, options: ViewQueryOptions = {}): string {
  if (!isInvestorView(name)) {
    throw new UsageError(`unknown view ${JSON.stringify(name)}; the views are ${INVESTOR_VIEWS.join(', ')}`);
  }
  let sql = `SELECT * FROM ${name}`;
  if (options.where !== undefined) sql += ` WHERE (${checkedWhere(options.where)})`;
  if (options.limit !== undefined) {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1) {
      throw new UsageError(`--limit ${options.limit} is not a whole number of rows, 1 or more`);
    }
    sql += ` LIMIT ${options.limit}`;
  }
  return sql;
}

function checkedWhere(where: string): string {
  if (where.trim() === '')
    throw new UsageError('--where is empty; give a condition such as "state = \'TX\'"');
  // Literals may hold anything; only the SQL around them is checked. An unclosed quote is an error too.
  const outsideLiterals = where.replace(/'(?:[^']|'')*'/g, 'literal');
  if (outsideLiterals.includes("'")) {
    throw new UsageError(`--where ${JSON.stringify(where)} has an unclosed string literal; close its quote`);
  }
  for (const [pattern, what] of STATEMENT_BREAKERS) {
    if (pattern.test(outsideLiterals)) {
      throw new UsageError(
        `--where may not contain ${what}; use realty query "SQL" for anything beyond a filter`,
      );
    }
  }
  return where;
}
