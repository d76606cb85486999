// Prints the README's configuration table from src/config-settings.ts, the one list of settings;
// with --write, replaces the table between the config-table markers in README.md.
// Run: npx tsx scripts/config-table.ts [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS, type SettingKey } from '../src/config-settings.js';

const rows = (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
  const s = SETTINGS[key];
  const flag = s.flag ? `\`--${s.flag}\`` : '(env only)';
  const fallback = s.default === undefined ? '' : s.default === '' ? '""' : `\`${s.default}\``;
  return `| \`${s.env}\` | ${flag} | ${fallback} | ${s.doc.replace(/\|/g, '\\|')} |`;
});
const table = ['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n');

if (process.argv.includes('--write')) {
  const readmePath = path.join(import.meta.dirname, '..', 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('-->', readme.indexOf('<!-- config-table:start')) + 3;
  const end = readme.indexOf('<!-- config-table:end -->');
  if (start < 3 || end < start) throw new Error('README.md has no config-table markers');
  writeFileSync(readmePath, `${readme.slice(0, start)}\n${table}\n${readme.slice(end)}`);
  console.log('README.md configuration table updated');
} else {
  console.log(table);
}
