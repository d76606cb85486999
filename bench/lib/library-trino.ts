import path from 'node:path';
import { Trino } from 'trino-client';
import { createTrinoQueryEngine } from '../../src/adapters/query/trino.js';
import type { TrinoColumn } from '../../src/adapters/query/trino-protocol.js';
import { toRows } from '../../src/adapters/query/trino-values.js';
import { type BenchOptions, type Figure, figure, round } from './figure.js';
import { startBenchTrino } from './trino-server.js';

const ROUNDS = 5;
const WARMUP_ROUNDS = 1;

// Generated rows, so no warehouse is needed: the 100,000-row query pages through many nextUri answers and carries
// microsecond timestamps (the reason for the session property and the client capability).
const QUERIES: Record<string, string> = {
  'rows-100k':
    "SELECT x * 1000 + y AS id, CAST(x AS varchar) AS label, TIMESTAMP '2026-01-01 00:00:00.123456' + " +
    "(x * 1000 + y) * INTERVAL '1' SECOND AS at, x / 7.0 AS ratio " +
    'FROM UNNEST(sequence(1, 1000)) AS a(x) CROSS JOIN UNNEST(sequence(1, 100)) AS b(y)',
  'one-row': 'SELECT count(*) FROM UNNEST(sequence(1, 1000)) AS a(x)',
};

/** trino-client set up to ask for what our connection asks for (trino-connection.ts). */
function libraryClient(url: string): Trino {
  return Trino.create({
    server: url,
    catalog: 'hive',
    schema: 'realty',
    source: 'realty-pipeline',
    session: { 'hive.timestamp_precision': 'MICROSECONDS' },
    extraHeaders: {
      'X-Trino-User': 'realty',
      'X-Trino-Time-Zone': 'UTC',
      'X-Trino-Client-Capabilities': 'PARAMETRIC_DATETIME',
    },
  });
}

/**
 * Every row of `sql` through trino-client, converted by our trino-values.ts as our engine does (that part stays
 * either way), so the two differ only in HTTP and paging. Trino's error is thrown as the library leaves it in a page.
 */
async function libraryRows(client: Trino, sql: string): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  let columns: TrinoColumn[] = [];
  for await (const page of await client.query(sql)) {
    if (page.error) throw new Error(`${page.error.errorName}: ${page.error.message}`);
    if (page.columns && columns.length === 0) columns = page.columns as unknown as TrinoColumn[];
    for (const row of toRows(page.data ?? [], columns)) rows.push(row);
  }
  return rows;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]!;
}

/** Our Trino engine against trino-client on one Trino, the same queries interleaved, wall time per query. */
export async function benchTrino(options: BenchOptions): Promise<Figure[]> {
  const started = performance.now();
  const server = await startBenchTrino(path.join(options.workDir, 'trino'), 'bucket');
  options.log(`  Trino started in ${((performance.now() - started) / 1000).toFixed(0)} s on ${server.url}`);
  const ours = createTrinoQueryEngine({ url: server.url, schema: 'realty' });
  const library = libraryClient(server.url);
  const figures: Figure[] = [];
  try {
    for (const [name, sql] of Object.entries(QUERIES)) {
      const ms = { ours: [] as number[], library: [] as number[] };
      for (let pass = 0; pass < WARMUP_ROUNDS + ROUNDS; pass += 1) {
        const a = performance.now();
        const oursRows = (await ours.query(sql)).rows.length;
        const b = performance.now();
        const libraryRowCount = (await libraryRows(library, sql)).length;
        const c = performance.now();
        if (oursRows !== libraryRowCount)
          throw new Error(`${name}: ours ${oursRows} rows, trino-client ${libraryRowCount}`);
        if (pass >= WARMUP_ROUNDS) {
          ms.ours.push(b - a);
          ms.library.push(c - b);
        }
      }
      const unit = `ms wall, ${name} (median of ${ROUNDS})`;
      const oursMs = round(median(ms.ours), 0);
      const libraryMs = round(median(ms.library), 0);
      options.log(`  ${name}: ours ${oursMs} ms, trino-client ${libraryMs} ms`);
      // The paging query is the headline; the one-row query shows the per-query overhead.
      const suffix = name === 'rows-100k' ? '' : `,${name}`;
      figures.push(
        figure(
          {
            name: `library-trino[ours${suffix}]`,
            value: oursMs,
            unit,
            baseline: 'trino-client, same run',
            baselineValue: libraryMs,
          },
          'lowerIsBetter',
        ),
        figure(
          {
            name: `library-trino[trino-client${suffix}]`,
            value: libraryMs,
            unit,
            baseline: 'ours, same run',
            baselineValue: oursMs,
          },
          'lowerIsBetter',
        ),
      );
    }
  } finally {
    await ours.close();
    await server.stop();
  }
  return figures;
}
