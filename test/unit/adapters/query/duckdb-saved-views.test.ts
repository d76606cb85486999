import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalCatalog } from '../../../../src/adapters/catalog/local-file.js';
import { createDuckDbQueryEngine } from '../../../../src/adapters/query/duckdb.js';
import { createStoredViewCatalog } from '../../../../src/adapters/query/duckdb-saved-views.js';
import { CatalogError, QueryError } from '../../../../src/errors.js';
import type { QueryEngine } from '../../../../src/ports/query-engine.js';
import { InMemoryObjectStore } from '../../../helpers/in-memory-object-store.js';

const dirs: string[] = [];
const engines: QueryEngine[] = [];
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setUp() {
  const dir = await mkdtemp(path.join(tmpdir(), 'realty-saved-views-'));
  dirs.push(dir);
  const store = new InMemoryObjectStore();
  const catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
  await catalog.ensureDatabase('realty');
  const views = createStoredViewCatalog(store);
  const engine = () => {
    const opened = createDuckDbQueryEngine({ catalog, store });
    engines.push(opened);
    return opened;
  };
  return { store, views, engine };
}

describe('the stored view catalog', () => {
  it('keeps one SQL object per view in the bucket and lists them by name', async () => {
    const { store, views } = await setUp();

    await views.ensureView({ database: 'realty', name: 'b_view', sql: 'SELECT 2 AS b' });
    await views.ensureView({ database: 'realty', name: 'a_view', sql: 'SELECT 1 AS a' });
    await views.ensureView({ database: 'realty', name: 'a_view', sql: 'SELECT 10 AS a' });

    expect(new TextDecoder().decode(await store.get('catalog/views/realty/a_view.sql'))).toBe(
      'SELECT 10 AS a',
    );
    expect(await views.listViews('realty')).toEqual([
      { database: 'realty', name: 'a_view', sql: 'SELECT 10 AS a' },
      { database: 'realty', name: 'b_view', sql: 'SELECT 2 AS b' },
    ]);
    expect(await views.listViews('other')).toEqual([]);
  });

  it('refuses names that are not catalog identifiers, and views without SQL', async () => {
    const { views } = await setUp();

    await expect(views.ensureView({ database: 'realty', name: '../x', sql: 'SELECT 1' })).rejects.toThrow(
      CatalogError,
    );
    await expect(views.ensureView({ database: 'Realty', name: 'x', sql: 'SELECT 1' })).rejects.toThrow(
      /database name/,
    );
    await expect(views.ensureView({ database: 'realty', name: 'x', sql: '  ' })).rejects.toThrow(
      /has no SQL/,
    );
  });
});

describe('the DuckDB engine with saved views', () => {
  it('creates them when a statement names one, a view that reads another after it whatever their names', async () => {
    const { views, engine } = await setUp();
    await views.ensureView({ database: 'realty', name: 'a_top', sql: 'SELECT n * 10 AS n FROM b_base' });
    await views.ensureView({ database: 'realty', name: 'b_base', sql: 'SELECT 4 AS n' });

    const result = await engine().query('SELECT n FROM a_top');

    expect(result.rows).toEqual([[40]]);
  });

  it('says why a saved view is missing when a query names it, and leaves other statements alone', async () => {
    const { views, engine } = await setUp();
    await views.ensureView({
      database: 'realty',
      name: 'broken',
      sql: 'SELECT no_such_column FROM no_such_table',
    });
    const opened = engine();

    const failure = opened.query('SELECT * FROM broken');

    await expect(failure).rejects.toThrow(QueryError);
    await expect(failure).rejects.toThrow(/view broken could not be created: .*no_such_table/);
    expect((await opened.query('SELECT 1 AS one')).rows).toEqual([[1]]);
  });
});
