/** One lexical piece of SQL text: enough to find statements and their keywords, not a parser. */
export interface SqlToken {
  kind: 'word' | 'string' | 'identifier' | 'comment' | 'symbol' | 'number';
  text: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/y;
const NUMBER = /[0-9][0-9._eE]*/y;
const DOLLAR_TAG = /\$([A-Za-z_][A-Za-z0-9_]*)?\$/y;

/**
 * Splits SQL into tokens the way DuckDB and Trino read it: '...' strings ('' escapes a quote, E'...'
 * backslash escapes too), "..." identifiers, $tag$...$tag$ strings, -- and nested /* *\/ comments.
 * Text that never closes runs to the end, so a ';' inside it is never taken for a separator.
 */
export function sqlTokens(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let at = 0;
  while (at < sql.length) {
    const char = sql[at] as string;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    const end = tokenEnd(sql, at);
    tokens.push({ kind: kindOf(sql, at), text: sql.slice(at, end), start: at, end });
    at = end;
  }
  return tokens;
}

function kindOf(sql: string, at: number): SqlToken['kind'] {
  const char = sql[at] as string;
  if (sql.startsWith('--', at) || sql.startsWith('/*', at)) return 'comment';
  if (char === "'" || isEscapeString(sql, at) || startsDollarQuote(sql, at)) return 'string';
  if (char === '"') return 'identifier';
  if (/[0-9]/.test(char)) return 'number';
  WORD.lastIndex = at;
  return WORD.test(sql) ? 'word' : 'symbol';
}

function tokenEnd(sql: string, at: number): number {
  const char = sql[at] as string;
  if (sql.startsWith('--', at)) return lineEnd(sql, at);
  if (sql.startsWith('/*', at)) return blockCommentEnd(sql, at);
  if (isEscapeString(sql, at)) return quotedEnd(sql, at + 1, "'", true);
  if (char === "'" || char === '"') return quotedEnd(sql, at, char, false);
  if (startsDollarQuote(sql, at)) return dollarQuotedEnd(sql, at);
  for (const pattern of [WORD, NUMBER]) {
    pattern.lastIndex = at;
    if (pattern.test(sql)) return pattern.lastIndex;
  }
  return at + 1;
}

function isEscapeString(sql: string, at: number): boolean {
  return (sql[at] === 'e' || sql[at] === 'E') && sql[at + 1] === "'";
}

function startsDollarQuote(sql: string, at: number): boolean {
  DOLLAR_TAG.lastIndex = at;
  return sql[at] === '$' && DOLLAR_TAG.test(sql);
}

function lineEnd(sql: string, at: number): number {
  const newline = sql.indexOf('\n', at);
  return newline === -1 ? sql.length : newline + 1;
}

function blockCommentEnd(sql: string, at: number): number {
  let depth = 0;
  let index = at;
  while (index < sql.length) {
    if (sql.startsWith('/*', index)) {
      depth += 1;
      index += 2;
    } else if (sql.startsWith('*/', index)) {
      depth -= 1;
      index += 2;
      if (depth === 0) return index;
    } else index += 1;
  }
  return sql.length;
}

function quotedEnd(sql: string, at: number, quote: string, backslashEscapes: boolean): number {
  let index = at + 1;
  while (index < sql.length) {
    const char = sql[index];
    if (backslashEscapes && char === '\\') index += 2;
    else if (char === quote && sql[index + 1] === quote) index += 2;
    else if (char === quote) return index + 1;
    else index += 1;
  }
  return sql.length;
}

function dollarQuotedEnd(sql: string, at: number): number {
  DOLLAR_TAG.lastIndex = at;
  const tag = DOLLAR_TAG.exec(sql)?.[0] ?? '$$';
  const close = sql.indexOf(tag, at + tag.length);
  return close === -1 ? sql.length : close + tag.length;
}
