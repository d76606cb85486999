import type { WeekCoverage } from './week-coverage.js';

/** One state in one week, summed or weighted over its zip codes' rows of market_summary. */
export interface WeeklyStateRow {
  week: string;
  state: string;
  activeListings: number;
  newListings: number;
  pendingListings: number;
  soldListings: number;
  /** Zip-code medians weighted by each zip's active listings. */
  medianListPrice: number | null;
  medianPricePerSqft: number | null;
  medianDaysOnMarket: number | null;
  /** Listings cut at least once, over active listings (exact: the zip shares weighted back to counts). */
  priceCutShare: number | null;
}

export interface YieldRow {
  state: string;
  city: string | null;
  postalCode: string;
  beds: number;
  rentals: number;
  medianMonthlyRent: number;
  comparableSales: number;
  medianSalePrice: number;
  grossYieldPct: number;
  priceToRentRatio: number;
}

export interface DealRow {
  propertyId: string;
  state: string;
  city: string | null;
  postalCode: string | null;
  address: string | null;
  propertyType: string | null;
  sizeBand: string;
  beds: number | null;
  sqft: number;
  listPrice: number;
  pricePerSqft: number;
  medianPricePerSqft: number;
  discountPct: number;
  daysOnMarket: number | null;
  priceCuts: number;
  href: string | null;
}

export interface WeeklyCutRow {
  week: string;
  cuts: number;
  raises: number;
  medianCutPct: number | null;
}

/** What the market report shows, as read from the investor views. */
export interface ReportData {
  generatedAt: string;
  engine: string;
  /** Every week observed, with whether it is whole: partial weeks are marked and left out of the trends. */
  weeks: WeekCoverage[];
  weekly: WeeklyStateRow[];
  cuts: WeeklyCutRow[];
  yields: YieldRow[];
  deals: DealRow[];
}
