import { InputError } from '../errors.js';
import { jsonErrorPosition } from './json-error-position.js';

// Files that scripts append responses to hold several JSON documents back to back ("{...}\n{...}" or "}{").
// Each document's end is found by scanning brackets outside strings, then the document is handed to JSON.parse.

const BOM = 0xfeff;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]

/** Every JSON document of a text, in order; throws an InputError naming the byte, line and column of bad JSON. */
export function splitJsonDocuments(text: string): unknown[] {
  return [...jsonDocuments(text)];
}

/** The JSON documents of a text one by one, so those before a malformed one can still be used. */
export function* jsonDocuments(text: string): Generator<unknown, void, undefined> {
  let start = skipSpace(text, text.charCodeAt(0) === BOM ? 1 : 0);
  if (start === text.length) return;
  // Most files hold one document: let JSON.parse try the whole text first.
  const whole = tryParse(text.slice(start));
  if (whole.ok) {
    yield whole.value;
    return;
  }
  for (let n = 1; start < text.length; n++) {
    const end = documentEnd(text, start);
    const parsed = tryParse(text.slice(start, end));
    if (!parsed.ok) throw malformed(text, start, end, n, parsed.error);
    yield parsed.value;
    start = skipSpace(text, end);
  }
}

/** Index just after the document starting at `start`: its closing bracket, closing quote or last scalar character. */
function documentEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return stringEnd(text, start);
  if (!OPENERS.has(first)) {
    let i = start;
    while (i < text.length && !isSpace(text.charCodeAt(i)) && !OPENERS.has(text.charCodeAt(i))) i++;
    return Math.max(i, start + 1);
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i) - 1;
    } else if (OPENERS.has(c)) {
      depth++;
    } else if (CLOSERS.has(c) && --depth === 0) {
      return i + 1;
    }
  }
  return text.length;
}

function stringEnd(text: string, quote: number): number {
  for (let i = quote + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return text.length;
}

function tryParse(json: string): { ok: true; value: unknown } | { ok: false; error: SyntaxError } {
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, error };
    throw error;
  }
}

function malformed(text: string, start: number, end: number, n: number, error: SyntaxError): InputError {
  const at = start + jsonErrorPosition(text.slice(start, end));
  // V8's reason, without its position (relative to the slice) or its copy of the input.
  const reason = error.message
    .replace(/,\s*".*" is not valid JSON$/s, '')
    .replace(/\s*(?:in JSON )?at position \d+.*$/s, '');
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const byte = new TextEncoder().encode(before).length;
  const fine = n === 1 ? '' : ` (the ${n - 1} document(s) before it are fine)`;
  return new InputError(
    `JSON document ${n} is malformed at byte ${byte} (line ${line}, column ${column}): ${reason}; ` +
      `fix or remove that document${fine}`,
    { cause: error },
  );
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

// JSON's insignificant whitespace: space, tab, line feed, carriage return (RFC 8259, section 2).
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
