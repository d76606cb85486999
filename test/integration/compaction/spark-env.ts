import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDuckDbCompactor } from '../../../src/adapters/compactor/duckdb.js';
import { createSparkCompactor } from '../../../src/adapters/compactor/spark.js';
import { SETTINGS } from '../../../src/config-settings.js';
import type { Compactor } from '../../../src/ports/compactor.js';
import { repoRoot } from '../../helpers/fixtures.js';
import type { Warehouse } from '../../unit/adapters/compactor/curated-reader.js';

const run = promisify(execFile);

/** Creates (or finds) .cache/venv with pyspark through scripts/python-env.sh; resolves with its python. */
export async function provisionSparkPython(): Promise<string> {
  const { stdout } = await run('bash', [path.join(repoRoot, 'scripts', 'python-env.sh')], {
    cwd: repoRoot,
    timeout: 900_000,
  });
  const venv = stdout.trim().split('\n').at(-1) ?? '';
  return path.join(venv, 'bin', 'python');
}

/** The Spark compactor of a warehouse, as `realty compact --engine spark` builds it. */
export function sparkCompactorFor(warehouse: Warehouse, python: string): Compactor {
  return createSparkCompactor({
    store: warehouse.store,
    python,
    javaHome: SETTINGS.sparkJavaHome.default,
    workDir: path.join(warehouse.dir, 'spark'),
    lockPath: path.join(warehouse.dir, 'compaction'),
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'] },
  });
}

export function duckDbCompactorFor(warehouse: Warehouse): Compactor {
  return createDuckDbCompactor({ store: warehouse.store, lockPath: path.join(warehouse.dir, 'compaction') });
}

export { rawKeys, requestFor } from '../../unit/adapters/compactor/crafted-market.js';
