import { UsageError } from '../../errors.js';

/** Faults to switch on for one run (`realty run --faults SPEC`); every rate is a probability from 0 to 1. */
export interface FaultSpec {
  /** Per API request: a 500/502/503/504 answer. */
  api5xx: number;
  /** Per API request: a 429 with Retry-After. */
  api429: number;
  /** Per API request: no answer until the client's timeout. */
  timeout: number;
  /** Per API request: the connection is reset. */
  reset: number;
  /** Per API request: the body is cut short. */
  truncated: number;
  /** Per API request: a 200 whose body is not JSON. */
  malformed: number;
  /** Per API request: a slow answer (still within the timeout). */
  slow: number;
  /** Per result: a field missing, renamed or of the wrong type. */
  drift: number;
  /** Times the transform's event source mapping is killed mid-batch and restarted from committed offsets. */
  killConsumer: number;
  /** Per object write: the write fails (before or after the object landed). */
  storeFail: number;
  /** Per object write: the write is slowed by storeSlowMs. */
  storeSlow: number;
  storeSlowMs: number;
  /** Per produced record: its value is replaced by a poison payload (huge, binary, invalid UTF-8, deep JSON). */
  poison: number;
  /** Seed of the fault draws; null: the run's seed. */
  seed: number | null;
}

type Field = Exclude<keyof FaultSpec, 'seed'> | 'seed';
type Kind = { kind: 'rate' } | { kind: 'count'; max: number };

const RATE: Kind = { kind: 'rate' };
const FAULTS: readonly { key: string; field: Field; value: Kind }[] = [
  { key: 'api5xx', field: 'api5xx', value: RATE },
  { key: 'api429', field: 'api429', value: RATE },
  { key: 'timeout', field: 'timeout', value: RATE },
  { key: 'reset', field: 'reset', value: RATE },
  { key: 'truncated', field: 'truncated', value: RATE },
  { key: 'malformed', field: 'malformed', value: RATE },
  { key: 'slow', field: 'slow', value: RATE },
  { key: 'drift', field: 'drift', value: RATE },
  { key: 'kill-consumer', field: 'killConsumer', value: { kind: 'count', max: 1000 } },
  { key: 'store-fail', field: 'storeFail', value: RATE },
  { key: 'store-slow', field: 'storeSlow', value: RATE },
  { key: 'store-slow-ms', field: 'storeSlowMs', value: { kind: 'count', max: 60_000 } },
  { key: 'poison', field: 'poison', value: RATE },
  { key: 'seed', field: 'seed', value: { kind: 'count', max: 2 ** 31 - 1 } },
];

/** The per-request API faults: one request meets at most one of them, so their rates add up to at most 1. */
const PER_REQUEST = ['api5xx', 'reset', 'truncated', 'malformed', 'slow', 'timeout', 'api429'] as const;

export const NO_FAULT_SPEC: FaultSpec = {
  api5xx: 0,
  api429: 0,
  timeout: 0,
  reset: 0,
  truncated: 0,
  malformed: 0,
  slow: 0,
  drift: 0,
  killConsumer: 0,
  storeFail: 0,
  storeSlow: 0,
  storeSlowMs: 250,
  poison: 0,
  seed: null,
};

/** Parses `api5xx=0.1,api429=0.1,malformed=0.02,kill-consumer=3`; throws UsageError naming the bad pair and the fix. */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: Record<string, number | null> = { ...NO_FAULT_SPEC };
  const seen = new Set<string>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) throw usage(`${JSON.stringify(short(item))} has no value; write it as ${short(item)}=VALUE`);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    const fault = FAULTS.find((f) => f.key === key);
    if (fault === undefined)
      throw usage(
        `unknown fault ${JSON.stringify(short(key))}${suggestion(key)}; known faults: ${FAULTS.map((f) => f.key).join(', ')}`,
      );
    if (seen.has(key)) throw usage(`${key} is given twice; give each fault once`);
    seen.add(key);
    spec[fault.field] = readValue(key, value, fault.value);
  }
  const total = PER_REQUEST.reduce((sum, field) => sum + (spec[field] ?? 0), 0);
  if (total > 1 + 1e-9) {
    throw usage(
      `${PER_REQUEST.join(' + ')} add up to ${Number(total.toFixed(6))}; a request meets one fault at most, keep their sum at most 1`,
    );
  }
  return spec as unknown as FaultSpec;
}

/** The spec written the way parseFaultSpec reads it: only the faults that differ from none. */
export function describeFaultSpec(spec: FaultSpec): string {
  return FAULTS.filter((f) => spec[f.field] !== NO_FAULT_SPEC[f.field])
    .map((f) => `${f.key}=${spec[f.field]}`)
    .join(',');
}

/** True when the spec switches at least one fault on. */
export function hasFaults(spec: FaultSpec): boolean {
  return FAULTS.some(
    (f) => f.field !== 'seed' && f.field !== 'storeSlowMs' && spec[f.field] !== NO_FAULT_SPEC[f.field],
  );
}

function readValue(key: string, value: string, kind: Kind): number {
  const n = value === '' ? Number.NaN : Number(value);
  if (kind.kind === 'rate') {
    if (!/^[\d.eE+-]+$/.test(value) || !Number.isFinite(n) || n < 0 || n > 1) {
      throw usage(`${key}=${short(value)}: a fault rate is a probability from 0 to 1, e.g. ${key}=0.1`);
    }
    return n;
  }
  if (!/^\d+$/.test(value) || n > kind.max) {
    throw usage(`${key}=${short(value)}: give a whole number from 0 to ${kind.max}, e.g. ${key}=3`);
  }
  return n;
}

function usage(message: string): UsageError {
  return new UsageError(`--faults ${message}`);
}

function short(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function suggestion(key: string): string {
  let best: { key: string; distance: number } | undefined;
  for (const f of FAULTS) {
    const distance = editDistance(key.toLowerCase(), f.key);
    if (best === undefined || distance < best.distance) best = { key: f.key, distance };
  }
  return best !== undefined && best.distance <= 3 ? ` (did you mean "${best.key}"?)` : '';
}

// Levenshtein distance, one row at a time.
function editDistance(a: string, b: string): number {
  if (a.length > 64) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
