import type { DuckDBConnection } from '@duckdb/node-api';
import { CatalogError } from '../../errors.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { ViewCatalog, ViewDefinition } from '../../ports/view-catalog.js';
import { duckDbMessage } from './duckdb-session.js';
import { HIVE_CATALOG, quotedName } from './duckdb-views.js';

/** Where the embedded catalog keeps view definitions in the bucket: `catalog/views/<database>/<view>.sql`. */
export const SAVED_VIEWS_PREFIX = 'catalog/views/';

// Names the catalog allows (Glue lower-cases, Hive folds): anything else never reaches a key or the SQL.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checkedName(kind: string, name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new CatalogError(
      `${kind} name ${JSON.stringify(name)} is not an identifier matching ^[a-z_][a-z0-9_]*$; rename it`,
    );
  }
  return name;
}

const viewKey = (database: string, name: string) =>
  `${SAVED_VIEWS_PREFIX}${checkedName('database', database)}/${checkedName('view', name)}.sql`;

/** A ViewCatalog kept in the bucket, one SQL object per view: the embedded stand-in for Athena's views in Glue. */
export function createStoredViewCatalog(store: ObjectStore): ViewCatalog {
  const decoder = new TextDecoder();
  return {
    async ensureView(view) {
      const key = viewKey(view.database, view.name);
      if (view.sql.trim() === '') throw new CatalogError(`view ${view.name} has no SQL; give it a SELECT`);
      const stored = await store.get(key);
      if (stored !== undefined && decoder.decode(stored) === view.sql) return;
      await store.put(key, new TextEncoder().encode(view.sql), { contentType: 'application/sql' });
    },

    async listViews(database) {
      const prefix = `${SAVED_VIEWS_PREFIX}${checkedName('database', database)}/`;
      const views: ViewDefinition[] = [];
      for await (const object of store.list(prefix)) {
        const name = object.key.slice(prefix.length).replace(/\.sql$/, '');
        if (!object.key.endsWith('.sql') || !IDENTIFIER.test(name)) continue;
        const body = await store.get(object.key);
        if (body !== undefined) views.push({ database, name, sql: decoder.decode(body) });
      }
      return views.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

export interface SavedViews {
  /**
   * Creates every saved view of the database in DuckDB when `sql` names one and they are not created yet in
   * this session; a view that cannot be created is remembered for explain(), not fatal.
   */
  defineFor(connection: DuckDBConnection, sql: string): Promise<void>;
  /** Forgets what was created: the next statement naming a view creates them again (new session, refresh). */
  reset(): void;
  /** Adds why a saved view is missing to an error message that names it. */
  explain(message: string): string;
}

// Word-boundary mention of a view name, in any case: DuckDB folds unquoted names.
const mentions = (sql: string, name: string) =>
  new RegExp(`(^|[^a-z0-9_])${name}($|[^a-z0-9_])`, 'i').test(sql);

/**
 * Materializes the saved views of `database` as `hive.<database>.<view>` in DuckDB, on first use: creating a
 * view binds it, which reads the Parquet footers of every table it reads, a cost a query of a table need not pay.
 */
export function createSavedViews(views: ViewCatalog, database: string): SavedViews {
  const failed = new Map<string, string>();
  let defined = false;

  async function defineAll(connection: DuckDBConnection, pending: ViewDefinition[]): Promise<void> {
    failed.clear();
    // A view may read another (market_momentum reads market_summary) and DuckDB binds a view when it is
    // created: retry the failures while each pass creates at least one more.
    while (pending.length > 0) {
      const left: ViewDefinition[] = [];
      for (const view of pending) {
        const ref = `${HIVE_CATALOG}.${quotedName('database', database)}.${quotedName('view', view.name)}`;
        try {
          await connection.run(`CREATE OR REPLACE VIEW ${ref} AS\n${view.sql.trim().replace(/;+$/, '')}`);
          failed.delete(view.name);
        } catch (error) {
          failed.set(view.name, duckDbMessage(error));
          left.push(view);
        }
      }
      if (left.length === pending.length) break;
      pending = left;
    }
  }

  return {
    async defineFor(connection, sql) {
      if (defined) return;
      const saved = await views.listViews(database);
      if (!saved.some((view) => mentions(sql, view.name))) return;
      await defineAll(connection, saved);
      defined = true;
    },

    reset() {
      defined = false;
    },

    explain(message) {
      const reasons = [...failed].filter(([name]) => message.includes(name));
      if (reasons.length === 0) return message;
      const why = reasons.map(([name, reason]) => `view ${name} could not be created: ${reason}`);
      return `${message} (${why.join('; ')})`;
    },
  };
}
