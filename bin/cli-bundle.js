// The `realty` command's compiled form: src/ bundled by esbuild into node_modules/.cache/realty-cli/<stamp>/
// (bin/bundle-cache.js), code-split so each command's lazy import() stays a separate chunk. Loading the bundle
// takes about a tenth of the time tsx needs to compile the same files at each start (bench: cli-start); an edit
// under src/ rebuilds on the next start (about 0.5 s).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cachedBundle } from './bundle-cache.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));

/** The URL of the bundled src/cli/main.ts, built first when a source file changed since the last build. */
export async function cliBundleEntry() {
  const entry = await cachedBundle({
    cache: path.join(REPO, 'node_modules', '.cache', 'realty-cli'),
    sources: [
      path.join(REPO, 'src'),
      fileURLToPath(import.meta.url),
      fileURLToPath(new URL('./bundle-cache.js', import.meta.url)),
    ],
    entryPoints: { main: path.join(REPO, 'src/cli/main.ts') },
    outFile: 'main.js',
  });
  return pathToFileURL(entry).href;
}
