/**
 * Lambda bundles: each handler of serverless.yml built as its custom.esbuild says, its size (and zipped size,
 * bundle plus source map, as the deployment package holds them), and the cold-start cost of loading it: a fresh
 * `node` that requires the bundle under the Lambda's NODE_OPTIONS, against a fresh `node` that loads nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { runNodeForJson, timeNodeRun } from './lib/child-process.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import {
  type LambdaFunction,
  readServerlessBundling,
  type ServerlessBundling,
} from './lib/serverless-config.js';
import { quantile } from './lib/timing.js';

// Lambda's limit for a zipped deployment package uploaded directly.
const ZIP_LIMIT_BYTES = 50 * 2 ** 20;
// serverless.yml's provider.environment sets this for every function; it makes Node read the source map.
const LAMBDA_NODE_OPTIONS = '--enable-source-maps';
const COLD_RUNS = 5;

/** Builds every handler, then measures each bundle's size and cold start. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const bundling = await readServerlessBundling();
  const env = { ...process.env, NODE_OPTIONS: LAMBDA_NODE_OPTIONS };
  const bareStarts: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) bareStarts.push(await timeNodeRun(['-e', '0'], env));
  const bare = quantile(bareStarts, 0.5);
  options.log(
    `bundles: ${bundling.functions.length} handlers; a bare node starts in ${bare.toFixed(0)} ms (p50)`,
  );
  const figures: Figure[] = [];
  for (const lambda of bundling.functions) {
    const bundle = await buildBundle(lambda, bundling, options.workDir);
    const bytes = await bundleBytes(bundle);
    const cold = await coldStart(bundle, env);
    options.log(
      `  ${lambda.name}: ${(bytes.raw / 1024).toFixed(0)} KiB (${(bytes.zipped / 1024).toFixed(0)} KiB zipped with its map); ` +
        (cold.error
          ? `FAILS TO LOAD: ${cold.error}`
          : `cold start p50 ${cold.processMs.toFixed(0)} ms, require ${cold.requireMs.toFixed(0)} ms`),
    );
    figures.push(
      figure(
        {
          name: `bundle-${lambda.name}`,
          value: round(bytes.zipped / 1024, 0),
          unit: 'KiB zipped (bundle + map)',
          baseline: 'Lambda 50 MB zip limit',
          baselineValue: ZIP_LIMIT_BYTES / 1024,
        },
        'lowerIsBetter',
      ),
    );
    if (cold.error === undefined) {
      figures.push(
        figure(
          {
            name: `cold-start-${lambda.name}`,
            value: round(cold.processMs, 1),
            unit: 'ms (node start + require, p50)',
            baseline: 'bare node start (p50)',
            baselineValue: round(bare, 1),
          },
          'lowerIsBetter',
        ),
      );
    }
  }
  return figures;
}

/** The handler bundled with serverless.yml's esbuild settings into workDir/<name>/. */
async function buildBundle(
  lambda: LambdaFunction,
  bundling: ServerlessBundling,
  workDir: string,
): Promise<string> {
  const outfile = path.join(
    workDir,
    lambda.name,
    `${path.basename(lambda.entry, '.ts')}${bundling.outputExtension}`,
  );
  await build({ ...bundling.esbuild, entryPoints: [lambda.entry], outfile, logLevel: 'error' });
  return outfile;
}

async function bundleBytes(bundle: string): Promise<{ raw: number; zipped: number }> {
  const code = await readFile(bundle);
  const map = await readFile(`${bundle}.map`).catch(() => Buffer.alloc(0));
  // A zip entry is the file deflated; the headers add a few dozen bytes.
  return {
    raw: code.length,
    zipped: deflateRawSync(code, { level: 9 }).length + deflateRawSync(map, { level: 9 }).length,
  };
}

/** p50 over COLD_RUNS fresh processes: the whole process's wall time, and the require alone inside it. */
async function coldStart(
  bundle: string,
  env: NodeJS.ProcessEnv,
): Promise<{ processMs: number; requireMs: number; error?: string }> {
  const script = `const t = performance.now(); require(${JSON.stringify(bundle)}); console.log(JSON.stringify({ ms: performance.now() - t }));`;
  const processMs: number[] = [];
  const requireMs: number[] = [];
  try {
    for (let i = 0; i < COLD_RUNS; i++) {
      const started = performance.now();
      const { ms } = await runNodeForJson<{ ms: number }>(['-e', script], { env, timeoutMs: 60_000 });
      processMs.push(performance.now() - started);
      requireMs.push(ms);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      processMs: Number.NaN,
      requireMs: Number.NaN,
      error: /Error: [^\n]*/.exec(message)?.[0] ?? message.slice(0, 200),
    };
  }
  return { processMs: quantile(processMs, 0.5), requireMs: quantile(requireMs, 0.5) };
}
