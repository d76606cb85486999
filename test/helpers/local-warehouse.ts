import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openLocalCatalog } from '../../src/adapters/catalog/local-file.js';
import { createLocalDirStore } from '../../src/adapters/object-store/local-dir.js';
import { encoderByName } from '../../src/adapters/parquet/encoder-by-name.js';
import { createDuckDbQueryEngine } from '../../src/adapters/query/duckdb.js';
import type { MskEvent } from '../../src/msk/msk-event-types.js';
import { ensureRawTable } from '../../src/pipeline/raw-table.js';
import type { TransformDeps } from '../../src/pipeline/transform-batch.js';
import type { QueryEngine } from '../../src/ports/query-engine.js';
import { repoRoot } from './fixtures.js';

/** A temp bucket directory and catalog file with listings_raw created: the transform's real local deps. */
export async function createTransformDeps(): Promise<
  TransformDeps & { dir: string; engine: () => QueryEngine; cleanup: () => Promise<void> }
> {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-transform-'));
  const store = createLocalDirStore({ root: path.join(dir, 'bucket') });
  const catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
  await ensureRawTable(catalog, 'realty');
  const engines: QueryEngine[] = [];
  return {
    dir,
    store,
    catalog,
    encoder: encoderByName('hyparquet'),
    clock: () => Date.parse('2026-11-25T12:00:00Z'),
    database: 'realty',
    engine: () => {
      const engine = createDuckDbQueryEngine({ catalog, store, database: 'realty' });
      engines.push(engine);
      return engine;
    },
    cleanup: async () => {
      for (const engine of engines) await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A sample event from events/ (made by scripts/make-events.ts), as a fresh copy the test may change. */
export function loadSampleEvent(name: string): MskEvent {
  return structuredClone(JSON.parse(readFileSync(path.join(repoRoot, 'events', name), 'utf8')) as MskEvent);
}
