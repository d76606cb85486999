// Child process of the catalog contract's two-process test: opens the catalog, says "ready", waits for
// "go" on stdin so that every writer starts at once, adds its partitions concurrently, prints how many were new.
import { partitionPrefix, RAW_LISTINGS_PREFIX } from '../../src/domain/partition-path.js';
import type { PartitionSpec } from '../../src/ports/catalog.js';
import { type CatalogProcessSpec, openCatalogFromSpec } from './catalog-process-spec.js';

/** One writer's share of the work: `count` partitions (one a day from 2026-01-01) of one state. */
export interface CatalogWriterJob {
  spec: CatalogProcessSpec;
  database: string;
  table: string;
  state: string;
  count: number;
}

function partitionsOf(job: CatalogWriterJob): PartitionSpec[] {
  return Array.from({ length: job.count }, (_, day) => {
    const dt = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    return {
      values: [dt, job.state],
      location: partitionPrefix(RAW_LISTINGS_PREFIX, { dt, state: job.state }),
    };
  });
}

async function waitForGo(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) {
    input += String(chunk);
    if (input.includes('go\n')) return;
  }
  throw new Error('stdin closed before "go"');
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as CatalogWriterJob;
  const catalog = openCatalogFromSpec(job.spec);
  const partitions = partitionsOf(job);
  process.stdout.write('ready\n');
  await waitForGo();
  const counts = await Promise.all(
    partitions.map((p) => catalog.addPartitions(job.database, job.table, [p])),
  );
  process.stdout.write(`${JSON.stringify({ added: counts.reduce((a, b) => a + b, 0) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
