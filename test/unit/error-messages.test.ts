import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/fixtures.js';

// Issue 18: a message a user can act on names a command, a flag or a setting, never an internal
// function or option of the code (ensureDatabase, readOnly: true, allowPlaintext).
const INTERNAL = /\b(ensure(Database|Table|Topic)|readOnly|allowPlaintext|tls: true)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(dir, file));
}

/** The string and template literals of a source file that sit in an `Error(` call's arguments. */
function errorMessages(text: string): string[] {
  const messages: string[] = [];
  for (const match of text.matchAll(/Error\(\s*((?:`[^`]*`|'[^'\n]*'|"[^"\n]*"|\s*\+\s*)+)/g)) {
    messages.push(match[1] ?? '');
  }
  return messages;
}

describe('error messages', () => {
  it('name no internal function or option anywhere in src/', () => {
    const offenders = sourceFiles(path.join(repoRoot, 'src')).flatMap((file) =>
      errorMessages(readFileSync(file, 'utf8'))
        .filter((message) => INTERNAL.test(message))
        .map((message) => `${path.relative(repoRoot, file)}: ${message.slice(0, 120)}`),
    );

    expect(offenders).toEqual([]);
  });
});
