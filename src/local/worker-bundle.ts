import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A worker started from TypeScript source went through tsx, which compiled the handler's whole module graph again
// in every thread: about 1.5 s of CPU per run (docs/raw-layout.md). An esbuild bundle of the worker, built once
// per change of the sources (as bin/cli-bundle.js builds the CLI's), loads in a fraction of that.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['src', 'handlers'].map((dir) => path.join(REPO, dir));
const CACHE = path.join(REPO, 'node_modules', '.cache', 'realty-worker');
// Old bundles go after an hour, not at once: a run started before an edit may still start workers from its own.
const STALE_MS = 3_600_000;

/**
 * The URL of `entry` (a .ts file) bundled by esbuild with its imports from src/ and handlers/ (packages stay
 * imports), built first when a source file changed since the last build.
 */
export async function bundledWorkerUrl(entry: URL): Promise<URL> {
  const entryPath = fileURLToPath(entry);
  const dir = path.join(CACHE, sourceStamp(entryPath));
  const out = path.join(dir, `${path.basename(entryPath, '.ts')}.mjs`);
  if (!isFile(out)) await build(entryPath, dir);
  return pathToFileURL(out);
}

/** A hash of every source file's path, size and modification time: it changes when any of them does. */
function sourceStamp(entryPath: string): string {
  const hash = createHash('sha1').update(entryPath);
  for (const root of SOURCE_DIRS) {
    const files = readdirSync(root, { recursive: true }).map((name) => path.join(root, String(name)));
    for (const file of files.sort()) {
      const stat = statSync(file);
      if (stat.isFile()) hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function build(entryPath: string, dir: string): Promise<void> {
  const { build: esbuild } = await import('esbuild');
  const staging = `${dir}.${process.pid}.tmp`;
  await esbuild({
    entryPoints: [entryPath],
    bundle: true,
    // Code-split: a lazy import() (the AWS adapters, the Parquet libraries not chosen) stays a chunk loaded on
    // use; one file would hoist those modules' package imports to its top and load them in every worker.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
    plugins: [sourceUrls],
  });
  try {
    renameSync(staging, dir);
  } catch {
    // Another process built the same stamp first: use its bundle.
    rmSync(staging, { recursive: true, force: true });
  }
  for (const name of readdirSync(CACHE)) {
    const old = path.join(CACHE, name);
    if (old !== dir && Date.now() - statSync(old).mtimeMs > STALE_MS)
      rmSync(old, { recursive: true, force: true });
  }
}

// A module that finds files relative to its own import.meta.url keeps its source file's URL inside the bundle.
const sourceUrls = {
  name: 'source-urls',
  setup(build: {
    onLoad(
      options: { filter: RegExp },
      load: (args: { path: string }) => { contents: string; loader: 'ts' } | undefined,
    ): void;
  }) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
