/** Stable, machine-readable error codes: a closed union so callers can switch on them. */
export type RealtyErrorCode =
  | 'REALTY_CONFIG'
  | 'REALTY_USAGE'
  | 'REALTY_API_AUTH'
  | 'REALTY_API_RATE_LIMIT'
  | 'REALTY_API_UNAVAILABLE'
  | 'REALTY_API_RESPONSE'
  | 'REALTY_API_BUDGET'
  | 'REALTY_BUS'
  | 'REALTY_LOG_CORRUPT'
  | 'REALTY_STORE'
  | 'REALTY_CATALOG'
  | 'REALTY_QUERY'
  | 'REALTY_QUERY_REFUSED'
  | 'REALTY_EVENT'
  | 'REALTY_PARQUET'
  | 'REALTY_INPUT'
  | 'REALTY_COMPACTION';

/** Codes of errors in what the user asked for (flags, settings, a refused statement): the CLI exits 2 on them. */
export const USAGE_ERROR_CODES: ReadonlySet<RealtyErrorCode> = new Set([
  'REALTY_CONFIG',
  'REALTY_USAGE',
  'REALTY_QUERY_REFUSED',
]);

/** Base of every error this project throws on purpose: a code, a message saying what to do, the cause. */
export class RealtyError extends Error {
  readonly code: RealtyErrorCode;

  constructor(code: RealtyErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

export class ConfigError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_CONFIG', message, options);
  }
}

export class UsageError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_USAGE', message, options);
  }
}

export class ApiError extends RealtyError {
  readonly status: number | undefined;

  constructor(
    code: Extract<
      RealtyErrorCode,
      | 'REALTY_API_AUTH'
      | 'REALTY_API_RATE_LIMIT'
      | 'REALTY_API_UNAVAILABLE'
      | 'REALTY_API_RESPONSE'
      | 'REALTY_API_BUDGET'
    >,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(code, message, options);
    this.status = options?.status;
  }
}

export class BusError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_BUS', message, options);
  }
}

export class LogCorruptError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_LOG_CORRUPT', message, options);
  }
}

export class StoreError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_STORE', message, options);
  }
}

export class CatalogError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_CATALOG', message, options);
  }
}

export class QueryError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_QUERY', message, options);
  }
}

/** A statement `realty query` will not run: not read-only, more than one, or reaching outside the data dir. */
export class QueryRefusedError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_QUERY_REFUSED', message, options);
  }
}

export class EventError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_EVENT', message, options);
  }
}

export class ParquetError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_PARQUET', message, options);
  }
}

export class InputError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_INPUT', message, options);
  }
}

/** A compaction that could not run or finish: another run holds the lock, the engine failed or was stopped. */
export class CompactionError extends RealtyError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('REALTY_COMPACTION', message, options);
  }
}
