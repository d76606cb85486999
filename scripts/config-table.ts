// Prints the README's configuration table from src/config-settings.ts, the one list of settings.
// Run: npx tsx scripts/config-table.ts
import { SETTINGS, type SettingKey } from '../src/config-settings.js';

const rows = (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
  const s = SETTINGS[key];
  const flag = s.flag ? `\`--${s.flag}\`` : '(env only)';
  const fallback = s.default === undefined ? '' : s.default === '' ? '""' : `\`${s.default}\``;
  return `| \`${s.env}\` | ${flag} | ${fallback} | ${s.doc.replace(/\|/g, '\\|')} |`;
});
console.log(['| variable | flag | default | meaning |', '|---|---|---|---|', ...rows].join('\n'));
