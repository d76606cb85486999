import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { CompactionError } from '../../errors.js';
import { toPlainValue } from '../query/duckdb-values.js';

/** One in-memory DuckDB for one compaction run: statements run in order; an abort interrupts the running one. */
export interface SqlSession {
  run(sql: string, what: string): Promise<void>;
  rows(sql: string, what: string): Promise<unknown[][]>;
  close(): void;
}

export interface SqlSessionOptions {
  /** Where DuckDB spills what does not fit in memory. */
  spillDir: string;
  threads: number;
  /** DuckDB's memory_limit (e.g. '512MB'): above it, sorts and joins spill to `spillDir`. */
  memoryLimit: string;
  signal?: AbortSignal | undefined;
  /** Called with each statement's wall time (profiling: bench/compaction-profile.ts). */
  onStatement?: ((what: string, ms: number) => void) | undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A stopped run's error: the caller's signal reason when it aborted, else what DuckDB said. */
function failure(what: string, error: unknown, signal: AbortSignal | undefined): CompactionError {
  if (signal?.aborted)
    return new CompactionError(`the DuckDB compaction was stopped while ${what}`, { cause: error });
  return new CompactionError(`DuckDB could not run the compaction while ${what}: ${messageOf(error)}`, {
    cause: error,
  });
}

async function guarded<T>(
  connection: DuckDBConnection,
  { signal, onStatement }: Pick<SqlSessionOptions, 'signal' | 'onStatement'>,
  what: string,
  task: () => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw failure(what, signal.reason, signal);
  const interrupt = () => connection.interrupt();
  signal?.addEventListener('abort', interrupt, { once: true });
  const started = performance.now();
  try {
    return await task();
  } catch (error) {
    throw failure(what, error, signal);
  } finally {
    signal?.removeEventListener('abort', interrupt);
    onStatement?.(what, performance.now() - started);
  }
}

/**
 * Opens the session: UTC like Athena and the Glue job (casts of TIMESTAMPTZ to DATE depend on it). Each
 * file is read once, so DuckDB's external file cache would only hold them all in memory (measured: 3.55 GB
 * peak RSS on the compaction bench); no statement's output order matters (every COPY orders its rows).
 */
export async function openSqlSession(options: SqlSessionOptions): Promise<SqlSession> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads),
    temp_directory: options.spillDir,
    memory_limit: options.memoryLimit,
    enable_external_file_cache: 'false',
    preserve_insertion_order: 'false',
  });
  const connection = await instance.connect();
  const session: SqlSession = {
    run: (sql, what) =>
      guarded(connection, options, what, async () => {
        await connection.run(sql);
      }),
    rows: (sql, what) =>
      guarded(connection, options, what, async () => {
        const reader = await connection.runAndReadAll(sql);
        return reader.getRows().map((row) => row.map(toPlainValue));
      }),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
  try {
    await session.run("SET TimeZone = 'UTC'", 'setting the time zone');
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}
