import { QueryError, RealtyError } from '../../errors.js';
import type { Catalog } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { QueryEngine, QueryResult } from '../../ports/query-engine.js';
import type { ViewCatalog } from '../../ports/view-catalog.js';
import { confineSession, isOneSelect, prepareReadOnly, refusalOf } from './duckdb-confinement.js';
import { createSavedViews, createStoredViewCatalog } from './duckdb-saved-views.js';
import { type DuckDbSession, duckDbMessage, openDuckDbSession } from './duckdb-session.js';
import { createTableViews } from './duckdb-table-views.js';
import { toQueryResult } from './duckdb-values.js';
import { stringLiteral } from './duckdb-views.js';

export interface DuckDbQueryEngineOptions {
  catalog: Catalog;
  store: ObjectStore;
  /** The catalog database whose tables become views (default 'realty'). */
  database?: string;
  /** Views to create over the tables (default: those saved in the store, see createStoredViewCatalog). */
  views?: ViewCatalog;
  /** Directories DuckDB may read (the bucket); when given, nothing outside them, and settings locked. */
  allowedDirectories?: readonly string[];
}

export interface DuckDbQueryEngine extends QueryEngine {
  /** Re-reads the catalog: views for new tables and changed definitions, and the saved views. */
  refresh(): Promise<void>;
  /**
   * Writes the rows of one read-only SELECT to a Parquet (zstd) or CSV (with header) file: the one write
   * this engine does, for `realty export`. The file's directory must be among the allowed directories.
   */
  copyTo(selectSql: string, filePath: string, format: 'parquet' | 'csv'): Promise<void>;
}

/**
 * A QueryEngine on an in-memory DuckDB, opened on the first call. Each catalog table is a view
 * `hive.<database>.<table>` over its Parquet files, reachable as `<table>`, `<database>.<table>`
 * and `hive.<database>.<table>`; a table that had no files picks them up on the next query. The
 * saved views (ViewCatalog) are created over them by the first statement that names one.
 */
export function createDuckDbQueryEngine(options: DuckDbQueryEngineOptions): DuckDbQueryEngine {
  const database = options.database ?? 'realty';
  const views = createTableViews(options.catalog, options.store, database);
  const savedViews = createSavedViews(options.views ?? createStoredViewCatalog(options.store), database);
  let session: Promise<DuckDbSession> | undefined;
  let closed = false;
  // One connection runs one statement at a time: calls queue here, in order.
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function open(): Promise<DuckDbSession> {
    const opened = await openDuckDbSession(database);
    try {
      if (options.allowedDirectories) await confineSession(opened.connection, options.allowedDirectories);
      await views.defineAll(opened.connection);
      savedViews.reset();
    } catch (error) {
      opened.close();
      throw error;
    }
    return opened;
  }

  function ready(): Promise<DuckDbSession> {
    if (closed) return Promise.reject(new QueryError('the DuckDB query engine is closed; create a new one'));
    session ??= open();
    // A failed start (say, an unreadable catalog) is tried again by the next call.
    session.catch(() => {
      session = undefined;
    });
    return session;
  }

  return {
    query: (sql, queryOptions) =>
      exclusive(async () => {
        const { connection } = await ready();
        await views.catchUp(connection);
        await savedViews.defineFor(connection, sql);
        return runQuery(connection, sql, queryOptions?.signal, savedViews.explain);
      }),

    copyTo: (selectSql, filePath, format) =>
      exclusive(async () => {
        const { connection } = await ready();
        await views.catchUp(connection);
        await savedViews.defineFor(connection, selectSql);
        // The SELECT is checked as any query is; only then is it wrapped in the COPY this engine builds.
        (await prepareReadOnly(connection, selectSql))?.destroySync();
        const options =
          format === 'parquet' ? "FORMAT parquet, COMPRESSION 'zstd'" : 'FORMAT csv, HEADER true';
        try {
          await connection.run(`COPY (${selectSql}) TO ${stringLiteral(filePath)} (${options})`);
        } catch (error) {
          throw (
            refusalOf(error) ??
            new QueryError(`DuckDB could not write ${filePath}: ${duckDbMessage(error)}`, { cause: error })
          );
        }
      }),

    refresh: () =>
      exclusive(async () => {
        const { connection } = await ready();
        await views.defineAll(connection);
        savedViews.reset();
      }),

    close: () =>
      exclusive(async () => {
        if (closed) return;
        closed = true;
        (await session?.catch(() => undefined))?.close();
      }),
  };
}

async function runQuery(
  connection: DuckDbSession['connection'],
  sql: string,
  signal: AbortSignal | undefined,
  explain: (message: string) => string,
): Promise<QueryResult> {
  if (signal?.aborted) throw new QueryError('the query was aborted before it started');
  const interrupt = () => connection.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  try {
    if (await isOneSelect(connection, sql)) return toQueryResult(await connection.runAndReadAll(sql));
    const prepared = await prepareReadOnly(connection, sql);
    if (prepared === undefined) return toQueryResult(await connection.runAndReadAll(sql));
    try {
      return toQueryResult(await prepared.runAndReadAll());
    } finally {
      prepared.destroySync();
    }
  } catch (error) {
    if (error instanceof RealtyError) throw error;
    const refusal = refusalOf(error);
    if (refusal) throw refusal;
    const aborted = signal?.aborted ? ' (the query was aborted)' : '';
    throw new QueryError(`DuckDB could not run the query${aborted}: ${explain(duckDbMessage(error))}`, {
      cause: error,
    });
  } finally {
    signal?.removeEventListener('abort', interrupt);
  }
}
