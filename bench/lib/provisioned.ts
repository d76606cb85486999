import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (bench/lib/ is two levels down). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Local services the scripts/ provision into .cache/, which some benchmarks need. */
export type Service = 'kafka' | 'spark' | 'trino';

// Where the provisioning scripts put services: .cache/, or BENCH_CACHE_DIR (an empty directory there shows what
// `npm run bench` does on a fresh clone, where nothing is provisioned).
const CACHE_DIR = path.resolve(REPO_ROOT, process.env['BENCH_CACHE_DIR'] || '.cache');

// What each provisioning script leaves behind once it has succeeded.
const MARKERS: Record<Service, { path: string; how: string }> = {
  kafka: { path: 'kafka/lib', how: 'bash scripts/kafka.sh start' },
  spark: { path: 'venv', how: 'bash scripts/python-env.sh' },
  trino: { path: 'trino', how: 'bash scripts/trino.sh' },
};

/** Whether the service's files are in the cache directory (not whether it runs). */
export function isProvisioned(service: Service): boolean {
  return existsSync(path.join(CACHE_DIR, MARKERS[service].path));
}

/** The line printed instead of a benchmark whose service is not provisioned. */
export function skipLine(bench: string, service: Service): string {
  const { path: marker, how } = MARKERS[service];
  const full = path.join(CACHE_DIR, marker);
  const where = full.startsWith(REPO_ROOT + path.sep) ? path.relative(REPO_ROOT, full) : full;
  return `skipped ${bench}: ${service} is not provisioned (no ${where}); run \`${how}\` first`;
}
