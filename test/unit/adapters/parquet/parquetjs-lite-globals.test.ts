import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { THRIFT_STRUCT_NAMES } from '../../../../src/adapters/parquet/parquetjs-lite-globals.js';

const require = createRequire(import.meta.url);

describe('the globals parquetjs-lite needs in a strict-mode bundle', () => {
  it('names every struct its generated Thrift code assigns without declaring it', () => {
    const generated = path.join(
      path.dirname(require.resolve('parquetjs-lite/package.json')),
      'gen-nodejs',
      'parquet_types.js',
    );
    const source = readFileSync(generated, 'utf8');

    const assigned = [...source.matchAll(/^([A-Za-z_$][\w$]*) = module\.exports\./gm)].map((m) => m[1]);

    expect(assigned.length).toBeGreaterThan(30);
    expect([...THRIFT_STRUCT_NAMES].sort()).toEqual(assigned.sort());
  });
});
