/**
 * CLI start-up: wall time of a fresh `realty --help` and of `realty query` over a tiny data dir (a catalog
 * with listings_raw and no rows), each beside a bare `node -e 0` started in the same rounds, and `realty --help`
 * run from the sources through tsx (REALTY_CLI_TSX=1), which is what bin/realty.js did before the bundle.
 */
import path from 'node:path';
import { openLocalCatalog } from '../src/adapters/catalog/local-file.js';
import { ensureRawTable } from '../src/pipeline/raw-table.js';
import { timeNodeRun } from './lib/child-process.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { REPO_ROOT } from './lib/provisioned.js';
import { quantile } from './lib/timing.js';

const RUNS = 9;
const TSX_RUNS = 3;
const TARGET_MS = 500;
const REALTY = path.join(REPO_ROOT, 'bin', 'realty.js');

/** p50 start-up of `realty --help` and `realty query`, interleaved with bare node starts. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const dataDir = path.join(options.workDir, 'cli-start');
  await ensureRawTable(openLocalCatalog({ path: path.join(dataDir, 'catalog.json') }), 'realty');
  const env = { ...process.env, REALTY_DATA_DIR: dataDir };
  // The first start builds the bundle when src/ changed; it is not a start a user sees twice.
  await timeNodeRun([REALTY, '--help'], env);
  const times = { bare: [] as number[], help: [] as number[], query: [] as number[], tsx: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    times.bare.push(await timeNodeRun(['-e', '0'], env));
    times.help.push(await timeNodeRun([REALTY, '--help'], env));
    times.query.push(await timeNodeRun([REALTY, 'query', 'SELECT count(*) AS n FROM listings_raw'], env));
    if (i < TSX_RUNS) times.tsx.push(await timeNodeRun([REALTY, '--help'], { ...env, REALTY_CLI_TSX: '1' }));
  }
  const p50 = (values: number[]) => round(quantile(values, 0.5), 0);
  const bare = p50(times.bare);
  options.log(
    `cli-start: bare node ${bare} ms, realty --help ${p50(times.help)} ms, realty query ${p50(times.query)} ms, ` +
      `--help through tsx ${p50(times.tsx)} ms (p50; target ${TARGET_MS} ms)`,
  );
  const startFigure = (name: string, values: number[], what: string) =>
    figure(
      {
        name,
        value: p50(values),
        unit: `ms (${what}, p50)`,
        baseline: 'bare node -e 0 (p50)',
        baselineValue: bare,
      },
      'lowerIsBetter',
    );
  // The headline figure the issue names: the slower command's p50, so cli-start ≤ target means both start in time.
  const slower = p50(times.query) >= p50(times.help) ? times.query : times.help;
  return [
    startFigure('cli-start', slower, 'the slower of realty --help and realty query'),
    startFigure('cli-start-help', times.help, 'realty --help'),
    startFigure('cli-start-query', times.query, 'realty query on a tiny data dir'),
    startFigure('cli-start-help-tsx', times.tsx, 'realty --help through tsx'),
  ];
}
