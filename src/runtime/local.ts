import path from 'node:path';
import { openLocalCatalog } from '../adapters/catalog/local-file.js';
import { openEmbeddedLog } from '../adapters/event-bus/embedded-log.js';
import { createLocalDirStore } from '../adapters/object-store/local-dir.js';
import type { RealtyConfig } from '../config.js';
import type { Catalog } from '../ports/catalog.js';
import type { ObjectStore } from '../ports/object-store.js';

/** Where the embedded adapters keep their files under the data dir. */
export function localPaths(config: Pick<RealtyConfig, 'dataDir' | 'bucket'>) {
  const root = path.resolve(config.dataDir);
  return {
    root,
    bucket: path.join(root, config.bucket),
    catalog: path.join(root, 'catalog.json'),
    log: path.join(root, 'log'),
  };
}

/** The bucket as a local directory. */
export function localStore(config: RealtyConfig): ObjectStore {
  return createLocalDirStore({ root: localPaths(config).bucket });
}

/** The catalog as a local file. */
export function localCatalog(config: RealtyConfig): Catalog {
  return openLocalCatalog({ path: localPaths(config).catalog });
}

/** The event bus as the durable on-disk log. */
export function localLog(config: RealtyConfig) {
  return openEmbeddedLog({ dir: localPaths(config).log });
}
