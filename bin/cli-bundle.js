// The `realty` command's compiled form: src/ bundled by esbuild into node_modules/.cache/realty-cli/<stamp>/,
// code-split so each command's lazy import() stays a separate chunk. Loading the bundle takes about a tenth of
// the time tsx needs to compile the same files at each start (bench: cli-start). The stamp hashes every
// source file's path, size and mtime, so an edit under src/ rebuilds on the next start (about 0.5 s).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = [path.join(REPO, 'src'), fileURLToPath(import.meta.url)];
const CACHE = path.join(REPO, 'node_modules', '.cache', 'realty-cli');
const STALE_MS = 3_600_000;

/** The URL of the bundled src/cli/main.ts, built first when a source file changed since the last build. */
export async function cliBundleEntry() {
  const dir = path.join(CACHE, sourceStamp());
  const entry = path.join(dir, 'main.js');
  if (!exists(entry)) await build(dir);
  return pathToFileURL(entry).href;
}

function sourceStamp() {
  const hash = createHash('sha1');
  for (const root of SOURCES) {
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

async function build(dir) {
  const { build: esbuild } = await import('esbuild');
  const staging = `${dir}.${process.pid}.tmp`;
  await esbuild({
    entryPoints: { main: path.join(REPO, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outdir: staging,
    logLevel: 'warning',
    plugins: [sourceUrls],
  });
  try {
    renameSync(staging, dir);
  } catch {
    // Another `realty` built the same stamp first: use its bundle.
    rmSync(staging, { recursive: true, force: true });
  }
  pruneOldBundles(dir);
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

// Old bundles go after an hour, not at once: a long `realty run` may still load chunks from its own.
function pruneOldBundles(keep) {
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (dir !== keep && Date.now() - statSync(dir).mtimeMs > STALE_MS) {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function exists(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
