import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);

/**
 * Bundles a TypeScript script into one CommonJS file that plain `node` runs: a child measured for memory then
 * carries no TypeScript loader, as a Lambda bundle carries none. CommonJS as serverless.yml bundles: some
 * dependencies (parquetjs-lite's generated Thrift code) assign undeclared globals, which ESM's strict mode refuses.
 */
export async function bundleScript(entry: string, outFile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    // The native DuckDB addon is never in a transform.
    external: ['@duckdb/node-api', '@duckdb/node-bindings'],
    logLevel: 'error',
  });
  return outFile;
}

/** Runs `node <args>` in a fresh process and parses the JSON its last stdout line holds. */
export async function runNodeForJson<T>(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<T> {
  const { stdout } = await run(process.execPath, [...args], {
    env: options.env ?? process.env,
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 16 << 20,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last) as T;
  } catch (error) {
    throw new Error(`the child \`node ${args.join(' ')}\` printed no JSON result: ${last.slice(0, 300)}`, {
      cause: error,
    });
  }
}

/** Wall time of one `node <args>` run in a fresh process, in ms. */
export async function timeNodeRun(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [...args], { env, timeout: 60_000 });
  return performance.now() - started;
}
