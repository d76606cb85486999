// Value schemas of settings: each takes the text of a flag or environment variable.
import * as v from 'valibot';

export const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
export const positiveInt = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(max, `must be at most ${max}`),
  );
export const intFrom = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^-?\d+$/, 'must be a whole number'),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
export const flag = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.picklist(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false'),
  v.transform((s) => s === 'true' || s === '1' || s === 'yes'),
);
export const list = v.pipe(
  v.string(),
  v.transform((s) =>
    s
      .split(/[;\s]+/)
      .map((p) => p.trim())
      .filter(Boolean),
  ),
);
export const choice = <const T extends readonly [string, ...string[]]>(options: T) =>
  v.pipe(v.string(), v.trim(), v.picklist(options, `must be one of ${options.join(', ')}`));
