import type { QueryEngine } from '../ports/query-engine.js';
import { type ChartSpec, reportCharts } from './chart-specs.js';
import { gatherReportData } from './gather-report-data.js';
import { renderSvg } from './render-svg.js';
import type { ReportData } from './report-data.js';
import { type RenderedChart, reportHtml } from './report-html.js';

function rowCount(chart: ChartSpec): number {
  const data = (chart.spec as { data?: { values?: unknown } }).data;
  return Array.isArray(data?.values) ? data.values.length : 0;
}

/** The report page from data already read: every chart rendered to SVG here, on the server. */
export async function renderReport(data: ReportData): Promise<string> {
  const charts: RenderedChart[] = [];
  for (const chart of reportCharts(data)) {
    const svg = rowCount(chart) === 0 ? null : await renderSvg(chart.spec);
    charts.push({ id: chart.id, title: chart.title, caption: chart.caption, svg });
  }
  return reportHtml(data, charts);
}

/** Reads the investor views through `engine` and returns the self-contained HTML market report. */
export async function buildMarketReport(
  engine: QueryEngine,
  options: { engineName: string; now?: () => Date },
): Promise<string> {
  return renderReport(await gatherReportData(engine, options));
}
