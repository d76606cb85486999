import { openLocalCatalog } from '../../src/adapters/catalog/local-file.js';
import type { Catalog } from '../../src/ports/catalog.js';

/**
 * How a child process opens the same catalog as the test: plain JSON, passed on its command line.
 * Adapters that run against a server (Glue) add their own variant here.
 */
export type CatalogProcessSpec = { adapter: 'local-file'; path: string };

/** Opens the catalog a spec describes, in whichever process reads it. */
export function openCatalogFromSpec(spec: CatalogProcessSpec): Catalog {
  switch (spec.adapter) {
    case 'local-file':
      return openLocalCatalog({ path: spec.path });
  }
}
