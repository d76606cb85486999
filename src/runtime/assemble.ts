import type { RealtyConfig } from '../config.js';
import type { Catalog } from '../ports/catalog.js';
import type { ObjectStore } from '../ports/object-store.js';
import { awsCatalog, awsStore } from './aws.js';
import { localCatalog, localStore } from './local.js';

/** The object store the configuration names: the local directory or S3. */
export function storeFor(config: RealtyConfig): ObjectStore {
  return config.store === 's3' ? awsStore(config) : localStore(config);
}

/** The catalog the configuration names: the local file or the Glue Data Catalog. */
export function catalogFor(config: RealtyConfig): Catalog {
  return config.catalog === 'glue' ? awsCatalog(config) : localCatalog(config);
}
