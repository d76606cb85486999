import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config-settings.js';
import { repoRoot } from '../helpers/fixtures.js';

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
const configuration = readFileSync(path.join(repoRoot, 'docs', 'configuration.md'), 'utf8');
const ci = readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf8');

describe('README', () => {
  it('stays a five-minute read: 12 KB at most, details in docs/', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12 * 1024);
  });

  it('links only to files that exist', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((match) => match[1] ?? '')
      .filter((target) => !/^[a-z]+:/.test(target));

    const missing = targets.filter((target) => !existsSync(path.join(repoRoot, target)));

    expect(targets.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });

  it('gives the test command that CI runs', () => {
    expect(readme).toContain('npm install && npm test');
    expect(ci).toMatch(/^npm install\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});

describe('docs/configuration.md', () => {
  it('documents every setting in its table (regenerate with npx tsx scripts/config-table.ts --write)', () => {
    const missing = Object.values(SETTINGS)
      .filter((s) => !configuration.includes(`| \`${s.env}\` |`))
      .map((s) => s.env);

    expect(missing).toEqual([]);
  });
});
