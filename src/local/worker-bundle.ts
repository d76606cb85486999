import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedBundle } from '../../bin/bundle-cache.js';

// A worker started from TypeScript source went through tsx, which compiled the handler's whole module graph again
// in every thread: about 1.5 s of CPU per run (docs/raw-layout.md). An esbuild bundle of the worker, built once
// per change of the sources (bin/bundle-cache.js, as the CLI's), loads in a fraction of that.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = ['src', 'handlers', 'bin/bundle-cache.js'].map((name) => path.join(REPO, name));
const CACHE = path.join(REPO, 'node_modules', '.cache', 'realty-worker');

/**
 * The URL of `entry` (a .ts file) bundled by esbuild with its imports from src/ and handlers/ (packages stay
 * imports), built first when a source file changed since the last build.
 */
export async function bundledWorkerUrl(entry: URL): Promise<URL> {
  const entryPath = fileURLToPath(entry);
  const name = path.basename(entryPath, '.ts');
  const out = await cachedBundle({
    cache: CACHE,
    sources: SOURCES,
    salt: entryPath,
    entryPoints: { [name]: entryPath },
    outFile: `${name}.mjs`,
    outExtension: { '.js': '.mjs' },
  });
  return pathToFileURL(out);
}
