import { s3ObjectUri } from '../adapters/object-store/object-key.js';
import type { RealtyConfig } from '../config.js';
import type { Catalog } from '../ports/catalog.js';
import type { ObjectStore } from '../ports/object-store.js';
import { deferredCatalog, deferredStore } from './deferred-adapters.js';
import { localCatalog, localStore } from './local.js';

// The AWS adapters (and the SDK under them) load only when the configuration names S3 or Glue.
const awsRuntime = () => import('./aws.js');

/** The object store the configuration names: the local directory or S3. */
export function storeFor(config: RealtyConfig): ObjectStore {
  if (config.store !== 's3') return localStore(config);
  const uri = (key: string) => s3ObjectUri(config.bucket, key);
  return deferredStore(async () => (await awsRuntime()).awsStore(config), uri);
}

/** The catalog the configuration names: the local file or the Glue Data Catalog. */
export function catalogFor(config: RealtyConfig): Catalog {
  if (config.catalog !== 'glue') return localCatalog(config);
  return deferredCatalog(async () => (await awsRuntime()).awsCatalog(config));
}
