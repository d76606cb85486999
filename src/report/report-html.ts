import type { DealRow, ReportData, YieldRow } from './report-data.js';
import { REPORT_CSS } from './report-style.js';
import { trendWeeks } from './week-coverage.js';

/** A chart as the page shows it: its SVG, or null when it had no rows to draw. */
export interface RenderedChart {
  id: string;
  title: string;
  caption: string;
  svg: string | null;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const dash = (value: number | null, format: (n: number) => string) => (value === null ? '–' : format(value));

function latestWeekCards(data: ReportData): string {
  const shown = trendWeeks(data.weeks);
  const weeks = [...new Set(data.weekly.map((row) => row.week))]
    .filter((w) => shown.has(w) || shown.size === 0)
    .sort();
  const latest = weeks.at(-1);
  const rows = data.weekly.filter((row) => row.week === latest);
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const active = sum((r) => r.activeListings);
  const cut = sum((r) => (r.priceCutShare ?? 0) * r.activeListings);
  const cards: [string, string][] = [
    ['active listings', whole.format(active)],
    ['new listings', whole.format(sum((r) => r.newListings))],
    ['under contract', whole.format(sum((r) => r.pendingListings))],
    ['sold', whole.format(sum((r) => r.soldListings))],
    ['with a price cut', active > 0 ? `${oneDecimal.format((100 * cut) / active)}%` : '–'],
    ['deals screened', whole.format(data.deals.length)],
  ];
  const items = cards.map(
    ([label, value]) =>
      `<div class="card"><b>${escapeHtml(value)}</b><span>${escapeHtml(label)}</span></div>`,
  );
  const partial = data.weeks.find((w) => w.week === latest)?.partial === true;
  const when =
    latest === undefined ? 'no week observed yet' : `week of ${latest}${partial ? ' (partial)' : ''}`;
  return `<section class="cards" aria-label="latest week"><h2>Latest whole week <small>${escapeHtml(when)}</small></h2><div class="grid">${items.join('')}</div>${partialWeeksNote(data)}</section>`;
}

/** Names every partial week and how many of its days were observed, so no one reads it as a whole week. */
function partialWeeksNote(data: ReportData): string {
  const partial = data.weeks.filter((w) => w.partial);
  if (partial.length === 0) return '';
  const items = partial.map(
    (w) =>
      `<li data-week="${escapeHtml(w.week)}" data-observed-days="${w.observedDays}">week of ${escapeHtml(w.week)}: ${w.observedDays} of 7 days observed</li>`,
  );
  return `<aside class="partial-weeks" aria-label="partial weeks"><p>Partial weeks: their counts cover fewer days than a whole week, so the charts leave them out while a whole week exists.</p><ul>${items.join('')}</ul></aside>`;
}

function figure(chart: RenderedChart): string {
  const body = chart.svg ?? '<p class="empty">No rows yet: run the pipeline for more market days.</p>';
  return `<figure id="${escapeHtml(chart.id)}"><figcaption><h3>${escapeHtml(chart.title)}</h3><p>${escapeHtml(chart.caption)}</p></figcaption>${body}</figure>`;
}

function table(caption: string, head: readonly string[], rows: readonly string[][]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  const empty =
    rows.length === 0 ? `<tr><td colspan="${head.length}" class="empty">No rows yet.</td></tr>` : '';
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}

function dealCells(d: DealRow): string[] {
  const address = escapeHtml(d.address ?? d.propertyId);
  const link = d.href?.startsWith('https://') ? `<a href="${escapeHtml(d.href)}">${address}</a>` : address;
  return [
    link,
    escapeHtml(`${d.city ?? ''} ${d.state} ${d.postalCode ?? ''}`.trim()),
    escapeHtml(`${d.propertyType ?? '?'}, ${d.sizeBand} sqft`),
    dash(d.beds, whole.format),
    usd.format(d.listPrice),
    usd.format(d.pricePerSqft),
    usd.format(d.medianPricePerSqft),
    `${oneDecimal.format(d.discountPct)}%`,
    dash(d.daysOnMarket, whole.format),
    whole.format(d.priceCuts),
  ];
}

function yieldCells(y: YieldRow): string[] {
  return [
    escapeHtml(`${y.postalCode} ${y.city ?? ''} (${y.state})`),
    whole.format(y.beds),
    usd.format(y.medianMonthlyRent),
    usd.format(y.medianSalePrice),
    `${oneDecimal.format(y.grossYieldPct)}%`,
    oneDecimal.format(y.priceToRentRatio),
    `${whole.format(y.rentals)} / ${whole.format(y.comparableSales)}`,
  ];
}

/** The whole report as one HTML document: inline CSS and SVG, no script, nothing fetched when opened. */
export function reportHtml(data: ReportData, charts: readonly RenderedChart[]): string {
  const weeks = [...new Set(data.weekly.map((row) => row.week))].sort();
  const partial = data.weeks.filter((w) => w.partial).length;
  const partialText = partial > 0 ? `, ${partial} partial` : '';
  const span =
    weeks.length > 0
      ? `${weeks[0]} to ${weeks.at(-1)} (${weeks.length} weeks${partialText})`
      : 'no weeks yet';
  const deals = table(
    'Top deals: deepest discounts to comparables',
    ['listing', 'where', 'type', 'beds', 'list price', '$/sqft', 'comparables', 'under', 'days', 'cuts'],
    data.deals.slice(0, 15).map(dealCells),
  );
  const yields = table(
    'Best gross rental yields',
    ['zip code', 'beds', 'median rent', 'median price', 'gross yield', 'price/rent', 'rentals / sales'],
    data.yields.slice(0, 10).map(yieldCells),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Realty market report</title><style>${REPORT_CSS}</style></head>
<body><header><h1>Realty market report</h1>
<p>Weeks ${escapeHtml(span)} · query engine ${escapeHtml(data.engine)} · generated ${escapeHtml(data.generatedAt)}</p></header>
<main>${latestWeekCards(data)}
<section class="charts">${charts.map(figure).join('\n')}</section>
<section class="tables">${deals}${yields}</section></main>
<footer>From the investor views market_summary, price_history, rental_yield and deal_screen (SQL in jobs/views/).</footer>
</body></html>
`;
}
