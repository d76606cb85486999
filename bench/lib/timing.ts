import type { QueryEngine } from '../../src/ports/query-engine.js';
/** How long one run of a task took: wall clock, and CPU time of this process (user + system). */
export interface Sample {
  wallMs: number;
  cpuMs: number;
}

/** The samples of one task over the rounds, and the fastest of them by CPU time. */
export interface Timed {
  samples: Sample[];
  best: Sample;
  median: Sample;
}

/** Runs `task` once and says how long it took. */
export async function sample(task: () => unknown): Promise<Sample> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await task();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Runs the tasks in turn, round after round, so each sees the same machine (the benchmark box is shared:
 * a task timed alone in a quiet minute would look better than its peer timed in a busy one). The first
 * `warmupRounds` let V8 optimise and are dropped. CPU time is the figure of record: it counts this
 * process's work on its core(s), not the time it waited for other processes. No collection is forced between
 * tasks: a forced full GC makes V8 drop compiled code and the next short task runs cold (measured: the flat
 * encoder 8 → 30 µs/record), which is further from a warm Lambda than a little inherited GC work.
 */
export async function interleave<K extends string>(
  tasks: Record<K, () => unknown>,
  options: { rounds: number; warmupRounds: number },
): Promise<Record<K, Timed>> {
  const names = Object.keys(tasks) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<K, Sample[]>;
  for (let round = 0; round < options.warmupRounds + options.rounds; round += 1) {
    for (const name of names) {
      const taken = await sample(tasks[name]);
      if (round >= options.warmupRounds) samples[name].push(taken);
    }
  }
  return Object.fromEntries(names.map((name) => [name, summarize(samples[name])])) as Record<K, Timed>;
}

/** Best and median of a task's samples, by CPU time. */
export function summarize(samples: readonly Sample[]): Timed {
  if (samples.length === 0) throw new RangeError('no samples: give interleave at least one round');
  const sorted = [...samples].sort((a, b) => a.cpuMs - b.cpuMs);
  return {
    samples: [...samples],
    best: sorted[0] as Sample,
    median: sorted[(sorted.length - 1) >> 1] as Sample,
  };
}

/** Value at quantile q (0..1) of `values`, nearest rank: p50 and p95 of latencies. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** `count` items per second of the time spent. */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/** `task`'s value and its wall time in ms. */
export async function timed<T>(task: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await task();
  return { value, ms: performance.now() - started };
}

/**
 * p50/p95 wall latency of `sql` after one warm-up run (which loads the files' metadata): `runs` runs, or as many
 * as fit in `budgetMs` but at least `minRuns`, so one slow view cannot push the whole bench past its budget.
 */
export async function queryLatencies(
  engine: QueryEngine,
  sql: string,
  limits: { runs: number; minRuns: number; budgetMs: number },
): Promise<{ p50: number; p95: number; rows: number; runs: number }> {
  const warm = await engine.query(sql);
  const times: number[] = [];
  const started = performance.now();
  while (
    times.length < limits.runs &&
    (times.length < limits.minRuns || performance.now() - started < limits.budgetMs)
  ) {
    times.push((await timed(() => engine.query(sql))).ms);
  }
  return {
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    rows: warm.rows.length,
    runs: times.length,
  };
}
