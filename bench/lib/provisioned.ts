import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root (bench/lib/ is two levels down). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Local services the scripts/ provision into .cache/, which some benchmarks need. */
export type Service = 'kafka' | 'spark' | 'trino';

// What each provisioning script leaves behind once it has succeeded.
const MARKERS: Record<Service, { path: string; how: string }> = {
  kafka: { path: '.cache/kafka/lib', how: 'bash scripts/kafka.sh start' },
  spark: { path: '.cache/venv', how: 'bash scripts/python-env.sh' },
  trino: { path: '.cache/trino', how: 'bash scripts/trino.sh' },
};

/** Whether the service's files are in .cache/ (not whether it runs). */
export function isProvisioned(service: Service): boolean {
  return existsSync(path.join(REPO_ROOT, MARKERS[service].path));
}

/** The line printed instead of a benchmark whose service is not provisioned. */
export function skipLine(bench: string, service: Service): string {
  const { path: marker, how } = MARKERS[service];
  return `skipped ${bench}: ${service} is not provisioned (no ${marker}); run \`${how}\` first`;
}
