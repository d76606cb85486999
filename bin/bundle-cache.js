// esbuild bundles of TypeScript entry points, cached under node_modules/.cache/<name>/<stamp>/ and rebuilt when a
// source changes: the `realty` command (bin/cli-bundle.js) and the local trigger's worker thread
// (src/local/worker-bundle.ts) load one instead of compiling TypeScript at every start. The stamp hashes every
// source file's path, size and mtime. Bundles are code-split, so a lazy import() stays a chunk loaded on use.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Old bundles go after an hour, not at once: a long `realty run` may still load chunks from its own.
const STALE_MS = 3_600_000;

/**
 * The path of `outFile` in the bundle of `entryPoints` under `cache`, built first when a file under `sources`
 * (directories or files) changed since the last build. `salt` tells apart bundles of different entries.
 */
export async function cachedBundle({ cache, sources, entryPoints, outFile, outExtension, salt = '' }) {
  const dir = path.join(cache, sourceStamp(sources, salt));
  const out = path.join(dir, outFile);
  if (!isFile(out)) await build({ cache, dir, entryPoints, outExtension });
  return out;
}

function sourceStamp(sources, salt) {
  const hash = createHash('sha1').update(salt);
  for (const root of sources) {
    const files = statSync(root).isDirectory()
      ? readdirSync(root, { recursive: true }).map((name) => path.join(root, String(name)))
      : [root];
    for (const file of files.sort()) {
      const stat = statSync(file);
      if (stat.isFile()) hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function build({ cache, dir, entryPoints, outExtension }) {
  const { build: esbuild } = await import('esbuild');
  const staging = `${dir}.${process.pid}.tmp`;
  await esbuild({
    entryPoints,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outdir: staging,
    ...(outExtension === undefined ? {} : { outExtension }),
    logLevel: 'warning',
    plugins: [sourceUrls],
  });
  try {
    renameSync(staging, dir);
  } catch {
    // Another process built the same stamp first: use its bundle.
    rmSync(staging, { recursive: true, force: true });
  }
  for (const name of readdirSync(cache)) {
    const old = path.join(cache, name);
    if (old !== dir && Date.now() - statSync(old).mtimeMs > STALE_MS)
      rmSync(old, { recursive: true, force: true });
  }
}

// Files that find their data (jobs/*.sql, the Spark script) relative to import.meta.url keep their own URL.
const sourceUrls = {
  name: 'source-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
