/** Log levels in increasing severity; 'silent' turns logging off. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Field names whose values are always redacted, whatever they hold. */
const SECRET_FIELD = /(api[-_]?key|password|secret|token|authorization|x-rapidapi-key|credential)/i;

/**
 * A JSON-lines logger. Redaction happens here and only here: secret-looking field names, and every
 * registered secret value wherever it appears in a message or field.
 */
export function createLogger(options: {
  level: LogLevel;
  secrets?: readonly string[];
  write?: (line: string) => void;
}): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < RANK[options.level]) return;
    const line = JSON.stringify(
      { level, time: new Date().toISOString(), message, ...fields },
      (key, value) =>
        SECRET_FIELD.test(key) && value !== null && typeof value !== 'object' ? '[redacted]' : value,
    );
    write(redactSecrets(line, secrets));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** Replaces every occurrence of every secret in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
