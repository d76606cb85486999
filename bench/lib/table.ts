import type { Figure } from './figure.js';

/** The figures as a Markdown table: what was measured, against what, and the ratio (higher is better). */
export function figureTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'unit', 'baseline', 'baseline value', 'ratio'];
  const rows = figures.map((f) => [
    f.name,
    formatNumber(f.value),
    f.unit,
    f.baseline,
    formatNumber(f.baselineValue),
    f.ratio.toFixed(2),
  ]);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A number people read: thousands separated, at most 3 significant decimals below 10, 1 below 1,000. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 1_000 ? 0 : Math.abs(value) >= 10 ? 1 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}
