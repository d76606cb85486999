import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompactionError } from '../../errors.js';

/** jobs/compaction/: the compaction spec both engines run (the Glue job ships the same files). */
export const COMPACTION_SQL_DIR = fileURLToPath(new URL('../../../jobs/compaction/', import.meta.url));

/** Names of the relations the spec reads and the steps it is made of; the engines define them. */
export const SPEC_RELATIONS = {
  raw: 'raw_listings',
  scope: 'compaction_scope',
  observations: 'observations',
  historyRedone: 'history_redone',
  historyNew: 'listings_history_new',
  currentBefore: 'current_before',
  currentNew: 'listings_current_new',
  historyWeekBefore: 'history_week_before',
  weeklyBefore: 'weekly_before',
  marketWeeklyNew: 'market_weekly_new',
  marketWeeklyBefore: 'market_weekly_before',
  outcomesBefore: 'outcomes_before',
  listingOutcomesNew: 'listing_outcomes_new',
  priceChangesNew: 'price_changes_new',
} as const;

/** The statements of the spec, each one SELECT, in the order they run. */
export interface CompactionSql {
  observations: string;
  listingsHistory: string;
  listingsCurrent: string;
  marketWeekly: string;
  listingOutcomes: string;
  priceChanges: string;
}

async function readStatement(dir: string, file: string): Promise<string> {
  const where = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(where, 'utf8');
  } catch (error) {
    throw new CompactionError(
      `could not read the compaction spec ${where}; it ships with the project in jobs/compaction/`,
      { cause: error },
    );
  }
  // Spark's parser takes one statement without a trailing semicolon; the files are written that way.
  if (/;\s*$/.test(text)) {
    throw new CompactionError(`${where} ends with ";"; spec files hold one statement without a semicolon`);
  }
  return text;
}

/** Reads the spec from `dir` (jobs/compaction by default). */
export async function loadCompactionSql(dir: string = COMPACTION_SQL_DIR): Promise<CompactionSql> {
  const [observations, listingsHistory, listingsCurrent, marketWeekly, priceChanges, listingOutcomes] =
    await Promise.all([
      readStatement(dir, 'observations.sql'),
      readStatement(dir, 'listings_history.sql'),
      readStatement(dir, 'listings_current.sql'),
      readStatement(dir, 'market_weekly.sql'),
      readStatement(dir, 'price_changes.sql'),
      readStatement(dir, 'listing_outcomes.sql'),
    ]);
  return { observations, listingsHistory, listingsCurrent, marketWeekly, priceChanges, listingOutcomes };
}
