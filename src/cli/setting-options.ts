import { type Command, Option } from 'commander';
import type { RawSettings } from '../config.js';
import { SETTINGS, type SettingKey } from '../config-settings.js';

/** The settings of the commands that read the warehouse (`realty query`, `realty report`): where, and which engine. */
export const QUERY_SETTING_KEYS: readonly SettingKey[] = [
  'dataDir',
  'engine',
  'database',
  'bucket',
  'trinoUrl',
  'trinoUser',
  'trinoTimeoutMs',
  'logLevel',
];

/** Adds the flags of the given settings to a command; each flag's help names its environment variable. */
export function addSettingOptions(command: Command, keys: readonly SettingKey[]): Command {
  for (const key of keys) {
    const setting = SETTINGS[key];
    if (!setting.flag) continue;
    const defaultText = setting.default ? ` (default: ${setting.default || '""'})` : '';
    command.addOption(
      new Option(`--${setting.flag} <value>`, `${setting.doc}; env ${setting.env}${defaultText}`),
    );
  }
  return command;
}

/** Picks the setting flags out of commander's parsed options, as raw strings for loadConfig. */
export function settingFlags(options: Record<string, unknown>, keys: readonly SettingKey[]): RawSettings {
  const flags: RawSettings = {};
  for (const key of keys) {
    const setting = SETTINGS[key];
    if (!setting.flag) continue;
    const value = options[camelCase(setting.flag)];
    if (typeof value === 'string') flags[key] = value;
  }
  return flags;
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
