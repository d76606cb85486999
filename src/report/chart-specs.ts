import type { TopLevelSpec } from 'vega-lite';
import type { ReportData } from './report-data.js';
import { trendWeeks } from './week-coverage.js';

/** One chart of the report: a title, a line saying how to read it, and its Vega-Lite spec. */
export interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

const WIDTH = 520;
const HEIGHT = 220;
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: 'transparent' },
  axis: { labelColor: '#444', titleColor: '#444', gridColor: '#eee', domainColor: '#999' },
  legend: { labelColor: '#444', titleColor: '#444' },
  range: { category: { scheme: 'tableau20' } },
};
/** Weeks are UTC calendar days, read and shown in UTC whatever the machine's time zone; one tick per week. */
function weekAxis(weeks: readonly string[]) {
  const all = [...new Set(weeks)].sort().map((week) => Date.parse(`${week}T00:00:00Z`));
  // At most about 8 labels: every week while they fit, every other one (and so on) after that.
  const ticks = all.filter((_, i) => i % Math.ceil(all.length / 8) === 0);
  return {
    field: 'week',
    type: 'temporal',
    scale: { type: 'utc' },
    title: 'week of',
    axis: { format: '%b %d', values: ticks, labelAngle: 0 },
  } as const;
}

function stateTrend(
  data: ReportData,
  id: string,
  title: string,
  caption: string,
  field: keyof ReportData['weekly'][number],
  axis: { title: string; format: string },
): ChartSpec {
  const shown = trendWeeks(data.weeks);
  const values = data.weekly
    .filter((row) => row[field] !== null && shown.has(row.week))
    .map((row) => ({ ...row }));
  return {
    id,
    title,
    caption: `${caption}${partialNote(data, shown)}`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: WIDTH,
      height: HEIGHT,
      config: CONFIG,
      data: { values },
      mark: { type: 'line', point: true, strokeWidth: 1.8 },
      encoding: {
        x: weekAxis(values.map((row) => row.week)),
        y: {
          field,
          type: 'quantitative',
          title: axis.title,
          axis: { format: axis.format },
          scale: { zero: false },
        },
        color: { field: 'state', type: 'nominal', title: 'state' },
      },
    },
  };
}

/** The caption's note naming the partial weeks a trend leaves out, if any. */
function partialNote(data: ReportData, shown: Set<string>): string {
  const left = data.weeks
    .filter((w) => !shown.has(w.week))
    .map((w) => `${w.week} (${w.observedDays} of 7 days)`);
  return left.length === 0 ? '' : ` Partial weeks left out: ${left.join(', ')}.`;
}

function yieldChart(data: ReportData): ChartSpec {
  const values = data.yields.map((row) => ({
    ...row,
    zip: `${row.postalCode} ${row.city ?? ''} (${row.state})`.trim(),
  }));
  const zips = new Set(values.map((v) => v.zip)).size;
  return {
    id: 'rental-yield',
    title: 'Gross rental yield by zip code',
    caption:
      '12 months of median asking rent over the median asking price of homes with as many bedrooms (rental_yield).',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: WIDTH,
      height: Math.max(120, Math.min(zips, 60) * 14),
      config: CONFIG,
      data: { values },
      mark: { type: 'point', filled: true, size: 70, opacity: 0.85 },
      encoding: {
        y: {
          field: 'zip',
          type: 'nominal',
          sort: { field: 'grossYieldPct', op: 'max', order: 'descending' },
          title: null,
        },
        x: {
          field: 'grossYieldPct',
          type: 'quantitative',
          title: 'gross yield (% a year)',
          axis: { format: '.1f' },
        },
        color: { field: 'beds', type: 'ordinal', title: 'bedrooms', scale: { scheme: 'viridis' } },
      },
    },
  };
}

function dealChart(data: ReportData): ChartSpec {
  return {
    id: 'deals',
    title: 'Deals: discount against days on market',
    caption:
      'Active listings at least 10% under the median $/sqft of their comparables (deal_screen); bigger dots cost more.',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: WIDTH,
      height: HEIGHT + 60,
      config: CONFIG,
      data: { values: data.deals.filter((d) => d.daysOnMarket !== null).map((d) => ({ ...d })) },
      mark: { type: 'circle', opacity: 0.7 },
      encoding: {
        x: { field: 'daysOnMarket', type: 'quantitative', title: 'days on market' },
        y: {
          field: 'discountPct',
          type: 'quantitative',
          title: 'under comparables (%)',
          scale: { zero: false },
        },
        size: { field: 'listPrice', type: 'quantitative', title: 'list price', legend: { format: '$~s' } },
        color: { field: 'state', type: 'nominal', title: 'state' },
      },
    },
  };
}

function cutsChart(data: ReportData): ChartSpec {
  const shown = trendWeeks(data.weeks);
  const values = data.cuts
    .filter((row) => shown.has(row.week))
    .flatMap((row) => [
      { week: row.week, kind: 'cuts', changes: row.cuts },
      { week: row.week, kind: 'raises', changes: row.raises },
    ]);
  return {
    id: 'price-changes',
    title: 'List price changes per week',
    caption: `Every change of list price seen between two observation days (price_history).${partialNote(data, shown)}`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: WIDTH,
      height: HEIGHT - 60,
      config: CONFIG,
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'week',
          type: 'ordinal',
          timeUnit: 'utcyearmonthdate',
          title: 'week of',
          axis: { format: '%b %d' },
        },
        y: { field: 'changes', type: 'quantitative', title: 'listings' },
        color: { field: 'kind', type: 'nominal', title: null, scale: { range: ['#d62728', '#2ca02c'] } },
        xOffset: { field: 'kind' },
      },
    },
  };
}

/** The report's charts, in reading order. */
export function reportCharts(data: ReportData): ChartSpec[] {
  return [
    stateTrend(
      data,
      'median-price',
      'Median list price',
      'Zip-code medians of active listings, weighted by active listings (market_summary).',
      'medianListPrice',
      { title: 'list price', format: '$~s' },
    ),
    stateTrend(
      data,
      'price-per-sqft',
      'Median price per square foot',
      'Zip-code medians of active listings, weighted by active listings (market_summary).',
      'medianPricePerSqft',
      { title: '$ per sqft', format: '$,.0f' },
    ),
    stateTrend(
      data,
      'inventory',
      'Active inventory',
      "For-sale listings not under contract on each week's last observed day (market_summary).",
      'activeListings',
      { title: 'active listings', format: ',d' },
    ),
    stateTrend(
      data,
      'days-on-market',
      'Median days on market',
      'Zip-code medians of active listings, weighted by active listings (market_summary).',
      'medianDaysOnMarket',
      { title: 'days', format: ',.0f' },
    ),
    stateTrend(
      data,
      'price-cut-share',
      'Share of listings with a price cut',
      'Active listings cut at least once, over all active listings (market_summary).',
      'priceCutShare',
      { title: 'share', format: '.0%' },
    ),
    cutsChart(data),
    yieldChart(data),
    dealChart(data),
  ];
}
