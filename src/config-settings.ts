import { API_SETTINGS } from './settings/api-settings.js';
import { BUS_SETTINGS } from './settings/bus-settings.js';
import { COMPACTION_SETTINGS } from './settings/compaction-settings.js';
import { QUERY_SETTINGS } from './settings/query-settings.js';
import { STORAGE_SETTINGS } from './settings/storage-settings.js';
import { TRIGGER_SETTINGS } from './settings/trigger-settings.js';

/**
 * Every setting, once: its config key, environment variable, CLI flag, default and meaning.
 * The CLI, the handlers and the README's configuration table are all derived from this list.
 */
export const SETTINGS = {
  ...STORAGE_SETTINGS,
  ...BUS_SETTINGS,
  ...API_SETTINGS,
  ...TRIGGER_SETTINGS,
  ...QUERY_SETTINGS,
  ...COMPACTION_SETTINGS,
} as const;

export type SettingKey = keyof typeof SETTINGS;
