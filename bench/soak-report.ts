import type { ReconcileReport } from '../src/pipeline/reconcile.js';
import { type Figure, figure, round } from './lib/figure.js';
import type { MemorySample, SoakSettings } from './soak.js';

/** What one soak measured. */
export interface SoakInput {
  settings: SoakSettings;
  cycles: { fetched: number; ms: number }[];
  elapsedMs: number;
  latenciesMs: number[];
  memory: MemorySample[];
  reconciliation: ReconcileReport;
  faults: Record<string, unknown>;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Median heap and RSS of the second quarter (after warm-up) and of the last quarter of the soak. */
function memoryDrift(memory: readonly MemorySample[]) {
  const quarter = Math.max(1, Math.floor(memory.length / 4));
  const early = memory.slice(quarter, 2 * quarter);
  const late = memory.slice(-quarter);
  const pick = (samples: readonly MemorySample[], key: 'heapMb' | 'rssMb') =>
    median(samples.map((s) => s[key]));
  return {
    heapEarly: pick(early.length > 0 ? early : memory, 'heapMb'),
    heapLate: pick(late, 'heapMb'),
    rssEarly: pick(early.length > 0 ? early : memory, 'rssMb'),
    rssLate: pick(late, 'rssMb'),
  };
}

function rates(input: SoakInput) {
  const fetched = input.cycles.reduce((sum, c) => sum + c.fetched, 0);
  const cycleMs = input.settings.cycleSeconds * 1000;
  // A cycle delivers its market day in its interval, or later when it overran: that is the rate it held.
  const perCycle = input.cycles.map((c) => c.fetched / (Math.max(cycleMs, c.ms) / 1000));
  const target = (input.cycles[0]?.fetched ?? 0) / input.settings.cycleSeconds;
  return {
    fetched,
    overall: fetched / (input.elapsedMs / 1000),
    target,
    lowest: Math.min(...perCycle.slice(1), perCycle[0] ?? 0),
  };
}

/** The soak's figures for bench/results.json (bench/lib/figure.ts). */
export function soakFigures(input: SoakInput): Figure[] {
  const r = rates(input);
  const sorted = [...input.latenciesMs].sort((a, b) => a - b);
  const memory = memoryDrift(input.memory);
  const cycleMs = input.settings.cycleSeconds * 1000;
  const rec = input.reconciliation;
  return [
    figure({
      name: 'soak-throughput',
      value: round(r.overall, 1),
      unit: `listings/s over ${round(input.elapsedMs / 1000, 0)} s with faults`,
      baseline: 'steady target (first day per cycle interval)',
      baselineValue: round(r.target, 1),
    }),
    figure({
      name: 'soak-throughput-held',
      value: round((100 * r.lowest) / (r.target || 1), 1),
      unit: '% of the target in the slowest cycle',
      baseline: 'target',
      baselineValue: 100,
    }),
    figure(
      {
        name: 'soak-latency-p50',
        value: round(percentile(sorted, 50), 0),
        unit: 'ms, API fetch to queryable in listings_raw',
        baseline: 'cycle interval',
        baselineValue: cycleMs,
      },
      'lowerIsBetter',
    ),
    figure(
      {
        name: 'soak-latency-p99',
        value: round(percentile(sorted, 99), 0),
        unit: 'ms, API fetch to queryable in listings_raw',
        baseline: 'cycle interval',
        baselineValue: cycleMs,
      },
      'lowerIsBetter',
    ),
    figure(
      {
        name: 'soak-heap-late',
        value: round(memory.heapLate, 1),
        unit: 'MB heap used, median of the last quarter',
        baseline: 'median of the second quarter',
        baselineValue: round(memory.heapEarly, 1),
      },
      'lowerIsBetter',
    ),
    figure(
      {
        name: 'soak-rss-late',
        value: round(memory.rssLate, 1),
        unit: 'MB RSS, median of the last quarter',
        baseline: 'median of the second quarter',
        baselineValue: round(memory.rssEarly, 1),
      },
      'lowerIsBetter',
    ),
    figure({
      name: 'soak-accounted',
      value: round((100 * (rec.raw + rec.deadLettered)) / (rec.fetched || 1), 3),
      unit: `% of ${rec.fetched} fetched in raw or dead-letter (lost ${rec.lost})`,
      baseline: 'every record',
      baselineValue: 100,
    }),
  ];
}

/** The soak report for people: throughput, latency, memory over time, faults met, and the reconciliation. */
export function soakReport(input: SoakInput): string {
  const r = rates(input);
  const sorted = [...input.latenciesMs].sort((a, b) => a - b);
  const memory = memoryDrift(input.memory);
  const rec = input.reconciliation;
  const everyMinute = input.memory.filter((_, i) => i % 12 === 11);
  return [
    `soak report (${(input.elapsedMs / 1000).toFixed(0)} s, ${input.cycles.length} market days)`,
    `  throughput  ${r.overall.toFixed(1)} listings/s overall; target ${r.target.toFixed(1)}/s; slowest cycle held ${r.lowest.toFixed(1)}/s`,
    `  latency     API fetch to queryable: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms over ${sorted.length} records`,
    `  memory      heap ${memory.heapEarly.toFixed(0)} -> ${memory.heapLate.toFixed(0)} MB, RSS ${memory.rssEarly.toFixed(0)} -> ${memory.rssLate.toFixed(0)} MB (second quarter -> last quarter medians)`,
    `              per minute: ${everyMinute.map((m) => `${m.atS.toFixed(0)}s ${m.heapMb.toFixed(0)}/${m.rssMb.toFixed(0)} MB`).join(', ') || 'n/a (under a minute)'}`,
    `  faults met  ${JSON.stringify(input.faults)}`,
    `  reconcile   fetched ${rec.fetched} = raw ${rec.raw} + dead-lettered ${rec.deadLettered} + pending ${rec.pending} + lost ${rec.lost}; duplicated ${rec.duplicated} (raw copies ${rec.duplicates.raw}, dead-letter copies ${rec.duplicates.deadLetter}, on-failure copies ${rec.duplicates.onFailure}, in two places ${rec.duplicates.crossed}); curated duplicates ${(rec.curated?.history?.duplicates ?? 0) + (rec.curated?.current?.duplicates ?? 0)}; ${rec.ok ? 'OK' : 'PROBLEMS'}`,
  ].join('\n');
}
