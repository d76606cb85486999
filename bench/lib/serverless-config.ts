import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { REPO_ROOT } from './provisioned.js';

/** One Lambda function of serverless.yml: its name and the TypeScript file of its handler. */
export interface LambdaFunction {
  name: string;
  entry: string;
}

/** What serverless.yml says about bundling (custom.esbuild) and which handlers it deploys (functions). */
export interface ServerlessBundling {
  esbuild: BuildOptions;
  outputExtension: string;
  functions: LambdaFunction[];
}

/**
 * Reads custom.esbuild and the functions' handlers from serverless.yml. Only the flat keys serverless-esbuild
 * passes to esbuild are read (scalars and the `exclude` list), with a reader for that much YAML: the bench
 * needs no YAML dependency, and a key it does not know is reported instead of silently dropped.
 */
export async function readServerlessBundling(
  file = path.join(REPO_ROOT, 'serverless.yml'),
): Promise<ServerlessBundling> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const block = indentedBlock(lines, /^ {2}esbuild:\s*$/, 4);
  const scalars = new Map<string, string>();
  const exclude: string[] = [];
  let inExclude = false;
  for (const line of block) {
    const item = /^ {6}- "?([^"]+)"?\s*$/.exec(line);
    if (inExclude && item) exclude.push(item[1] as string);
    const scalar = /^ {4}([A-Za-z]+):\s*(.*?)\s*$/.exec(line);
    if (scalar) {
      inExclude = scalar[1] === 'exclude';
      if (!inExclude) scalars.set(scalar[1] as string, scalar[2] as string);
    }
  }
  const known = new Set([
    'bundle',
    'minify',
    'keepNames',
    'sourcemap',
    'target',
    'platform',
    'format',
    'outputFileExtension',
    'packager',
  ]);
  const unknown = [...scalars.keys()].filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new Error(`serverless.yml custom.esbuild has keys the bench does not apply: ${unknown.join(', ')}`);
  return {
    esbuild: {
      bundle: scalars.get('bundle') === 'true',
      minify: scalars.get('minify') === 'true',
      keepNames: scalars.get('keepNames') === 'true',
      sourcemap: (scalars.get('sourcemap') ?? false) as NonNullable<BuildOptions['sourcemap']>,
      target: scalars.get('target') ?? 'node22',
      platform: (scalars.get('platform') ?? 'node') as NonNullable<BuildOptions['platform']>,
      format: (scalars.get('format') ?? 'cjs') as NonNullable<BuildOptions['format']>,
      external: exclude,
    },
    outputExtension: scalars.get('outputFileExtension') ?? '.js',
    functions: functionsOf(lines),
  };
}

function functionsOf(lines: readonly string[]): LambdaFunction[] {
  const block = indentedBlock(lines, /^functions:\s*$/, 2);
  const functions: LambdaFunction[] = [];
  let name: string | undefined;
  for (const line of block) {
    const header = /^ {2}([A-Za-z0-9-]+):\s*$/.exec(line);
    if (header) name = header[1];
    const handler = /^ {4}handler:\s*(\S+)\.[A-Za-z]+\s*$/.exec(line);
    if (handler && name) functions.push({ name, entry: path.join(REPO_ROOT, `${handler[1]}.ts`) });
  }
  return functions;
}

/** The lines after `start` that are indented at least `indent` spaces (blank lines and comments included). */
function indentedBlock(lines: readonly string[], start: RegExp, indent: number): string[] {
  const from = lines.findIndex((line) => start.test(line));
  if (from < 0) throw new Error(`serverless.yml has no line matching ${start}`);
  const block: string[] = [];
  for (const line of lines.slice(from + 1)) {
    if (line.trim() !== '' && !line.trimStart().startsWith('#') && line.search(/\S/) < indent) break;
    block.push(line);
  }
  return block;
}
