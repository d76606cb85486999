// Prints the configuration table from src/config-settings.ts, the one list of settings;
// with --write, replaces the table between the config-table markers in docs/configuration.md.
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
  const docPath = path.join(import.meta.dirname, '..', 'docs', 'configuration.md');
  const doc = readFileSync(docPath, 'utf8');
  const start = doc.indexOf('-->', doc.indexOf('<!-- config-table:start')) + 3;
  const end = doc.indexOf('<!-- config-table:end -->');
  if (start < 3 || end < start) throw new Error('docs/configuration.md has no config-table markers');
  writeFileSync(docPath, `${doc.slice(0, start)}\n${table}\n${doc.slice(end)}`);
  console.log('docs/configuration.md configuration table updated');
} else {
  console.log(table);
}
