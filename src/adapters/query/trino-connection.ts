import { ConfigError } from '../../errors.js';

export interface TrinoConnectionOptions {
  /** The coordinator, e.g. 'http://127.0.0.1:8080' (`npm run trino:start`) or a team's https:// Trino. */
  url: string;
  /** X-Trino-User (default 'realty'). */
  user?: string;
  /** Password for HTTP basic authentication; only sent over https. */
  password?: string;
  /** Catalog of the tables (default 'hive'). */
  catalog?: string;
  /** Schema unqualified names resolve in: the Glue/Hive database (default 'realty'). */
  schema?: string;
  /** X-Trino-Source, shown in Trino's query list (default 'realty-pipeline'). */
  source?: string;
}

/** A checked connection: the statement endpoint and the headers every protocol request carries. */
export interface TrinoConnection {
  statementUrl: string;
  headers: Readonly<Record<string, string>>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Checks the options once and builds the protocol headers; throws ConfigError naming what to fix. */
export function trinoConnection(options: TrinoConnectionOptions): TrinoConnection {
  const url = parsedUrl(options.url);
  const user = options.user ?? 'realty';
  const catalog = identifier('catalog', options.catalog ?? 'hive');
  const schema = identifier('schema', options.schema ?? 'realty');
  if (user.trim() === '')
    throw new ConfigError('the Trino user is empty; set REALTY_TRINO_USER or leave it unset');
  const headers: Record<string, string> = {
    'X-Trino-User': user,
    'X-Trino-Source': options.source ?? 'realty-pipeline',
    'X-Trino-Catalog': catalog,
    'X-Trino-Schema': schema,
    // Athena sessions run in UTC; so do ours, whatever the server's zone.
    'X-Trino-Time-Zone': 'UTC',
    // Hive tables answer timestamp(3), rounding microseconds, unless the session asks for more and the client
    // says it understands parametric precision (ENVIRONMENT.md, "Trino").
    'X-Trino-Session': `${catalog}.timestamp_precision=MICROSECONDS`,
    'X-Trino-Client-Capabilities': 'PARAMETRIC_DATETIME',
    'Content-Type': 'text/plain; charset=utf-8',
  };
  if (options.password !== undefined) {
    if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) {
      throw new ConfigError(
        `a Trino password would travel in clear text to ${url.host}; use an https:// Trino URL (Trino itself refuses passwords over http)`,
      );
    }
    headers['Authorization'] = `Basic ${Buffer.from(`${user}:${options.password}`).toString('base64')}`;
  }
  return { statementUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}/v1/statement`, headers };
}

function parsedUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new ConfigError(`Trino URL ${JSON.stringify(text)} is not a URL; use e.g. http://127.0.0.1:8080`, {
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`Trino URL ${text} must start with http:// or https://`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigError(
      `Trino URL ${url.origin}… must be the bare coordinator address: no user, password, query or fragment in it`,
    );
  }
  return url;
}

function identifier(kind: string, name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new ConfigError(
      `Trino ${kind} ${JSON.stringify(name)} is not a lower-case identifier (^[a-z_][a-z0-9_]*$)`,
    );
  }
  return name;
}
