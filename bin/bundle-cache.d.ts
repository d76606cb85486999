/** Types of bin/bundle-cache.js, for the TypeScript that imports it (src/local/worker-bundle.ts). */
export function cachedBundle(options: {
  cache: string;
  sources: readonly string[];
  entryPoints: Record<string, string>;
  outFile: string;
  outExtension?: Record<string, string>;
  salt?: string;
}): Promise<string>;
