import { QueryError } from '../errors.js';
import type { QueryEngine, QueryResult } from '../ports/query-engine.js';
import type { DealRow, ReportData, WeeklyCutRow, WeeklyStateRow, YieldRow } from './report-data.js';
import {
  DEALS_SQL,
  OBSERVED_DAYS_SQL,
  WEEKLY_CUTS_SQL,
  WEEKLY_STATE_SQL,
  YIELDS_SQL,
} from './report-queries.js';
import { weekCoverage } from './week-coverage.js';

type Row = Record<string, unknown>;

/** A number from any engine's cell: DuckDB gives number or bigint, Athena and Trino may give text. */
function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function num(value: unknown): number {
  return numberOrNull(value) ?? 0;
}

function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

async function rowsOf(engine: QueryEngine, what: string, sql: string): Promise<Row[]> {
  let result: QueryResult;
  try {
    result = await engine.query(sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new QueryError(
      `the report could not read ${what}: ${reason}; run \`realty run\` first so the views exist`,
      {
        cause: error,
      },
    );
  }
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.name, row[i]])));
}

function weeklyRow(r: Row): WeeklyStateRow {
  return {
    week: String(r['week']).slice(0, 10),
    state: String(r['state']),
    activeListings: num(r['active_listings']),
    newListings: num(r['new_listings']),
    pendingListings: num(r['pending_listings']),
    soldListings: num(r['sold_listings']),
    medianListPrice: numberOrNull(r['median_list_price']),
    medianPricePerSqft: numberOrNull(r['median_price_per_sqft']),
    medianDaysOnMarket: numberOrNull(r['median_days_on_market']),
    priceCutShare: numberOrNull(r['price_cut_share']),
  };
}

function cutRow(r: Row): WeeklyCutRow {
  return {
    week: String(r['week']).slice(0, 10),
    cuts: num(r['cuts']),
    raises: num(r['raises']),
    medianCutPct: numberOrNull(r['median_cut_pct']),
  };
}

function yieldRow(r: Row): YieldRow {
  return {
    state: String(r['state']),
    city: textOrNull(r['city']),
    postalCode: String(r['postal_code']),
    beds: num(r['beds']),
    rentals: num(r['rentals']),
    medianMonthlyRent: num(r['median_monthly_rent']),
    comparableSales: num(r['comparable_sales']),
    medianSalePrice: num(r['median_sale_price']),
    grossYieldPct: num(r['gross_yield_pct']),
    priceToRentRatio: num(r['price_to_rent_ratio']),
  };
}

function dealRow(r: Row): DealRow {
  return {
    propertyId: String(r['property_id']),
    state: String(r['state']),
    city: textOrNull(r['city']),
    postalCode: textOrNull(r['postal_code']),
    address: textOrNull(r['address_line']),
    propertyType: textOrNull(r['property_type']),
    sizeBand: String(r['size_band']),
    beds: numberOrNull(r['beds']),
    sqft: num(r['sqft']),
    listPrice: num(r['list_price']),
    pricePerSqft: num(r['price_per_sqft']),
    medianPricePerSqft: num(r['median_price_per_sqft']),
    discountPct: num(r['discount_pct']),
    daysOnMarket: numberOrNull(r['days_on_market']),
    priceCuts: num(r['price_cuts']),
    href: textOrNull(r['href']),
  };
}

/** Reads everything the report shows from the investor views, through any QueryEngine. */
export async function gatherReportData(
  engine: QueryEngine,
  options: { engineName: string; now?: () => Date },
): Promise<ReportData> {
  // One after the other: DuckDB runs one statement at a time anyway, and Athena bills per query, not per wait.
  const weekly = (await rowsOf(engine, 'market_summary', WEEKLY_STATE_SQL)).map(weeklyRow);
  const cuts = (await rowsOf(engine, 'price_history', WEEKLY_CUTS_SQL)).map(cutRow);
  const yields = (await rowsOf(engine, 'rental_yield', YIELDS_SQL)).map(yieldRow);
  const deals = (await rowsOf(engine, 'deal_screen', DEALS_SQL)).map(dealRow);
  const days = (await rowsOf(engine, 'listings_raw', OBSERVED_DAYS_SQL)).map((r) =>
    String(r['dt']).slice(0, 10),
  );
  const generatedAt = (options.now?.() ?? new Date()).toISOString();
  return { generatedAt, engine: options.engineName, weeks: weekCoverage(days), weekly, cuts, yields, deals };
}
