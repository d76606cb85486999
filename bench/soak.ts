/**
 * soak: the embedded pipeline for a bounded time (default 5 minutes, loopback only) at a steady rate, one
 * market day ingested every cycle, with random faults switched on throughout (API 5xx/429/malformed/drift,
 * store failures and slow writes, poison records, consumer kills). Reports the throughput held, the p99
 * end-to-end latency (API fetch to queryable in listings_raw), memory over time, and the reconciliation.
 *
 *   npx tsx bench/soak.ts [--seconds 300] [--cycle-seconds 15] [--listings 1500] [--faults SPEC]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { describeFaultSpec, parseFaultSpec } from '../src/local/faults/fault-spec.js';
import { compactFromConfig } from '../src/runtime/compaction.js';
import { reconcileWithConfig } from '../src/runtime/reconcile-deps.js';
import type { BenchOptions, Figure } from './lib/figure.js';
import { startSoak } from './soak-pipeline.js';
import { soakFigures, soakReport } from './soak-report.js';

export const DEFAULT_SOAK_FAULTS =
  'api5xx=0.05,api429=0.03,malformed=0.01,truncated=0.01,reset=0.01,drift=0.02,store-fail=0.02,store-slow=0.02,store-slow-ms=100,poison=0.005';

export interface SoakSettings {
  seconds: number;
  cycleSeconds: number;
  listings: number;
  faults: string;
  killsPerMinute: number;
  workDir: string;
  log: (line: string) => void;
}

/** A memory sample: seconds since the start, heap and RSS in MB. */
export interface MemorySample {
  atS: number;
  heapMb: number;
  rssMb: number;
}

/** bench/run.ts's entry: sizes from `soakSeconds` when bench-args has it, else BENCH_SOAK_SECONDS, else 300. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const sizes = options.sizes as unknown as Partial<Record<string, number>>;
  const seconds = sizes['soakSeconds'] ?? Number(process.env['BENCH_SOAK_SECONDS'] ?? 300);
  return soak({
    seconds,
    cycleSeconds: 15,
    listings: 1_500,
    faults: DEFAULT_SOAK_FAULTS,
    killsPerMinute: 1,
    workDir: options.workDir,
    log: options.log,
  });
}

/** Runs the soak and returns its figures; prints the report through `settings.log`. */
export async function soak(settings: SoakSettings): Promise<Figure[]> {
  const spec = parseFaultSpec(settings.faults);
  const config = loadConfig(
    {},
    {
      dataDir: path.join(settings.workDir, 'soak-data'),
      listings: String(settings.listings),
      logLevel: 'silent',
    },
  );
  settings.log(
    `soak: ${settings.seconds} s, a market of ${settings.listings} listings every ${settings.cycleSeconds} s, faults ${describeFaultSpec(spec)}, ${settings.killsPerMinute} consumer kill(s)/min`,
  );
  const parts = await startSoak(config, spec, settings.killsPerMinute);
  const memory: MemorySample[] = [];
  const started = performance.now();
  const sampler = setInterval(() => memory.push(memorySample(started)), 5_000);
  const cycles: { fetched: number; ms: number }[] = [];
  try {
    for (let day = 0; performance.now() - started < settings.seconds * 1000; day += 1) {
      const cycleStarted = performance.now();
      const fetched = await parts.cycle(day);
      const ms = performance.now() - cycleStarted;
      cycles.push({ fetched, ms });
      settings.log(
        `  day ${day}: ${fetched} listings fetched in ${(ms / 1000).toFixed(1)} s; heap ${memorySample(started).heapMb.toFixed(0)} MB`,
      );
      const rest = settings.cycleSeconds * 1000 - ms;
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
    await parts.finish(120_000);
  } finally {
    clearInterval(sampler);
    await parts.close();
  }
  const elapsedMs = performance.now() - started;
  await compactFromConfig(config);
  const reconciliation = await reconcileWithConfig(config, { runId: parts.runId });
  const input = {
    settings,
    cycles,
    elapsedMs,
    latenciesMs: parts.latenciesMs,
    memory,
    reconciliation,
    faults: parts.faults(),
  };
  settings.log(soakReport(input));
  return soakFigures(input);
}

function memorySample(started: number): MemorySample {
  const usage = process.memoryUsage();
  return {
    atS: (performance.now() - started) / 1000,
    heapMb: usage.heapUsed / 1_048_576,
    rssMb: usage.rss / 1_048_576,
  };
}

const isMain =
  process.argv[1] !== undefined &&
  import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href;
if (isMain) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '300' },
      'cycle-seconds': { type: 'string', default: '15' },
      listings: { type: 'string', default: '1500' },
      faults: { type: 'string', default: DEFAULT_SOAK_FAULTS },
      'kills-per-minute': { type: 'string', default: '1' },
    },
  });
  const workDir = await mkdtemp(path.join(tmpdir(), 'realty-soak-'));
  try {
    await soak({
      seconds: Number(values.seconds),
      cycleSeconds: Number(values['cycle-seconds']),
      listings: Number(values.listings),
      faults: values.faults,
      killsPerMinute: Number(values['kills-per-minute']),
      workDir,
      log: (line) => console.log(line),
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
