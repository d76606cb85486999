import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from '../../../src/domain/json-error-position.js';
import { jsonDocuments, splitJsonDocuments } from '../../../src/domain/split-json-documents.js';
import { InputError } from '../../../src/errors.js';
import { hasSharedFixtures, loadFixtureText } from '../../helpers/fixtures.js';
import { ALL_FIXTURES } from './realtor-fixtures.js';

function errorOf(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('splitJsonDocuments', () => {
  it('returns the one document of an ordinary file', () => {
    expect(splitJsonDocuments('{"data": {"home_search": {"results": []}}}\n')).toEqual([
      { data: { home_search: { results: [] } } },
    ]);
  });

  it('splits documents written back to back, with or without whitespace between them', () => {
    const text = '{"a":1}{"b":[2]}\n\n[3,4]\r\n"five" 6 true null{"c":"}{\\"]"}';

    expect(splitJsonDocuments(text)).toEqual([
      { a: 1 },
      { b: [2] },
      [3, 4],
      'five',
      6,
      true,
      null,
      { c: '}{"]' },
    ]);
  });

  it('finds no document in an empty or blank file, and skips a byte order mark', () => {
    expect(splitJsonDocuments('')).toEqual([]);
    expect(splitJsonDocuments(' \n\t ')).toEqual([]);
    expect(splitJsonDocuments('\uFEFF{"a":1}')).toEqual([{ a: 1 }]);
  });

  it.skipIf(!hasSharedFixtures)('splits the real responses a script appended to one file', () => {
    const texts = ALL_FIXTURES.map((f) => loadFixtureText('realtor-api', f.file));

    const documents = splitJsonDocuments(texts.join('\n'));

    expect(documents).toEqual(texts.map((t) => JSON.parse(t)));
  });

  it('gets back any JSON values written one after another', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 6 }),
        fc.constantFrom(' ', '\n', '\r\n', '\t\n '),
        (values, gap) => {
          const text = values.map((value) => JSON.stringify(value)).join(gap);

          expect(splitJsonDocuments(text)).toEqual(values.map((value) => JSON.parse(JSON.stringify(value))));
        },
      ),
    );
  });

  it('names the document, byte, line and column of malformed JSON, and what to do', () => {
    const text = '{"city": "Bogotá"}\n{"list_price": 1,, "status": "for_sale"}\n{"ok": true}';

    const error = errorOf(() => splitJsonDocuments(text));

    // 'á' is two bytes in UTF-8, so the byte offset is one more than the character offset (36).
    expect(error.code).toBe('REALTY_INPUT');
    expect(error.message).toBe(
      'JSON document 2 is malformed at byte 37 (line 2, column 18): Expected double-quoted property name; ' +
        'fix or remove that document (the 1 document(s) before it are fine)',
    );
  });

  it('points at the offending character where JSON.parse does not say where it is', () => {
    const error = errorOf(() => splitJsonDocuments('[1, 2]\n{"beds": tru}'));

    expect(error.message).toMatch(
      /^JSON document 2 is malformed at byte 19 \(line 2, column 13\): Unexpected token '}';/,
    );
  });

  it('reports a document left open at the end of the file where the file ends', () => {
    const error = errorOf(() => splitJsonDocuments('{"a": 1}\n{"results": [1, 2'));

    expect(error.message).toMatch(/^JSON document 2 is malformed at byte 26 \(line 2, column 18\)/);
  });

  it('yields the documents before a malformed one when read one by one', () => {
    const read: unknown[] = [];

    const error = errorOf(() => {
      for (const document of jsonDocuments('{"a":1}\n{"b":2}\n{oops}')) read.push(document);
    });

    expect(read).toEqual([{ a: 1 }, { b: 2 }]);
    expect(error.message).toMatch(/^JSON document 3 is malformed at byte 17 \(line 3, column 2\)/);
  });
});

describe('jsonErrorPosition', () => {
  it('finds no error in any valid JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        expect(jsonErrorPosition(json)).toBe(json.length);
      }),
    );
  });

  it.each([
    ['{"a": 1,,}', 8],
    ['{"x": tru}', 9],
    ['[1,]', 3],
    ['{"a" 1}', 5],
    ['{"a": "b\n"}', 8],
    ['{"a": 01}', 7],
    ['{"a": "\\x"}', 7],
    ['{"a":1} x', 8],
    ['[1, 2', 5],
  ])('points at the first bad character of %j (%d)', (json, position) => {
    expect(() => JSON.parse(json)).toThrow(SyntaxError);
    expect(jsonErrorPosition(json)).toBe(position);
  });
});
