import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config-settings.js';
import { repoRoot } from '../helpers/fixtures.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const ci = readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf8');

describe('README', () => {
  it('documents every setting in its configuration table (regenerate with npx tsx scripts/config-table.ts)', () => {
    const missing = Object.values(SETTINGS)
      .filter((s) => !readme.includes(`| \`${s.env}\` |`))
      .map((s) => s.env);

    expect(missing).toEqual([]);
  });

  it('gives the test command that CI runs', () => {
    expect(readme).toContain('npm install && npm test');
    expect(ci).toMatch(/^npm install\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
