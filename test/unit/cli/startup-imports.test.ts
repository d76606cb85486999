import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');

// Packages that cost 0.1–0.5 s each to load: a command imports them inside its action, never at start-up.
const HEAVY = [/^@duckdb\//, /^@aws-sdk\//, /^vega/, /^@platformatic\/kafka/, /^hyparquet/, /^axios/];

/** The packages `realty` loads before any command runs: the static imports reachable from src/cli/main.ts. */
async function startupPackages(): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [path.join(REPO, 'src/cli/main.ts')],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: REPO,
  });
  return staticReach(metafile, 'src/cli/main.ts');
}

function staticReach(metafile: Metafile, entry: string): string[] {
  const seen = new Set<string>([entry]);
  const packages = new Set<string>();
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || seen.has(imported.path)) continue;
      seen.add(imported.path);
      if (imported.external) packages.add(imported.path);
      else queue.push(imported.path);
    }
  }
  return [...packages].sort();
}

describe('realty start-up', () => {
  it('loads no database, cloud SDK, chart or Kafka package before a command runs', async () => {
    const packages = await startupPackages();

    const heavy = packages.filter((name) => HEAVY.some((pattern) => pattern.test(name)));

    expect(packages).toContain('commander');
    expect(heavy).toEqual([]);
  });
});
