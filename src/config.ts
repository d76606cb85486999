import * as v from 'valibot';
import { SETTINGS, type SettingKey } from './config-settings.js';
import { ConfigError } from './errors.js';

type Setting = (typeof SETTINGS)[SettingKey];
type Output<K extends SettingKey> = v.InferOutput<(typeof SETTINGS)[K]['schema']>;

/** The validated configuration: one typed value per setting, `undefined` where unset and without default. */
export type RealtyConfig = {
  [K in SettingKey]: (typeof SETTINGS)[K]['default'] extends string ? Output<K> : Output<K> | undefined;
};

/** Values as given: by setting key, from flags; or by environment variable name, from the environment. */
export type RawSettings = Partial<Record<SettingKey, string>>;

const ENV_NAMES: ReadonlyMap<string, SettingKey> = new Map(
  (Object.keys(SETTINGS) as SettingKey[]).map((key) => [SETTINGS[key].env, key]),
);

/**
 * Parses the configuration once, at the edge: flags win over the environment, the environment over
 * defaults. Unknown `REALTY_*` variables and invalid values stop with one ConfigError naming each problem.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: RawSettings = {},
): RealtyConfig {
  const problems: string[] = [];
  for (const name of Object.keys(env)) {
    if (name.startsWith('REALTY_') && !ENV_NAMES.has(name)) {
      problems.push(`${name} is not a known setting (known: ${[...ENV_NAMES.keys()].join(', ')})`);
    }
  }
  const config: Record<string, unknown> = {};
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const setting: Setting = SETTINGS[key];
    const fromFlag = flags[key];
    const fromEnv = env[setting.env];
    const raw = fromFlag ?? (fromEnv === '' ? undefined : fromEnv) ?? setting.default;
    if (raw === undefined) {
      config[key] = undefined;
      continue;
    }
    const result = v.safeParse(setting.schema as v.GenericSchema<string, unknown>, raw);
    if (result.success) {
      config[key] = result.output;
    } else {
      const where = fromFlag !== undefined && setting.flag ? `--${setting.flag}` : setting.env;
      const shown = key === 'apiKey' ? '(redacted)' : JSON.stringify(raw);
      problems.push(`${where}=${shown} ${result.issues[0]?.message ?? 'is invalid'}`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return config as RealtyConfig;
}
