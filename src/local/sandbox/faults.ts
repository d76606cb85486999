import { hash3, unit3 } from './seeded-random.js';
import type { V3Result } from './v3-result.js';

/** A fault the sandbox can put on one whole response. */
export type RequestFault = 'server_error' | 'slow' | 'truncated' | 'malformed' | 'reset';
/** A way one result can drift from the schema. */
export type DriftKind = 'missing' | 'renamed' | 'wrong_type';

/** Probability of each fault: per request, except schemaDrift, which is per result. */
export interface FaultRates {
  serverError: number;
  slow: number;
  truncated: number;
  malformed: number;
  reset: number;
  schemaDrift: number;
}

export const NO_FAULTS: FaultRates = {
  serverError: 0,
  slow: 0,
  truncated: 0,
  malformed: 0,
  reset: 0,
  schemaDrift: 0,
};

const SALT_REQUEST = 0xfa17;
const SALT_DRIFT = 0xd21f;

/** The fault of request number `n`, drawn from the seed: the same client run meets the same faults. */
export function requestFault(rates: FaultRates, seed: number, n: number): RequestFault | null {
  let draw = unit3(seed, n, SALT_REQUEST);
  const order: [RequestFault, number][] = [
    ['reset', rates.reset],
    ['server_error', rates.serverError],
    ['slow', rates.slow],
    ['truncated', rates.truncated],
    ['malformed', rates.malformed],
  ];
  for (const [fault, rate] of order) {
    if (draw < rate) return fault;
    draw -= rate;
  }
  return null;
}

/** The 5xx status and body of a server_error fault. */
export function serverErrorResponse(seed: number, n: number): { status: number; body: string } {
  const status = [500, 502, 503, 504][hash3(seed, n, SALT_REQUEST + 1) % 4] as number;
  const message =
    status === 500 ? 'Internal Server Error' : 'The API is unreachable, please contact the API provider';
  return { status, body: JSON.stringify({ message }) };
}

/** Cuts a body short, between 20% and 90% of its bytes: what a dropped proxy connection delivers. */
export function truncateBody(body: Buffer, seed: number, n: number): Buffer {
  const keep = 0.2 + unit3(seed, n, SALT_REQUEST + 2) * 0.7;
  return body.subarray(0, Math.max(1, Math.floor(body.length * keep)));
}

/** A 200 body that is not JSON: a gateway's HTML page, or JSON spoiled by a JavaScript `undefined`. */
export function malformedBody(body: Buffer, seed: number, n: number): Buffer {
  if (hash3(seed, n, SALT_REQUEST + 3) % 2 === 0) {
    return Buffer.from(
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>',
    );
  }
  return Buffer.from(body.toString('utf8').replace(/"total":\d+/, '"total":undefined'));
}

/**
 * Maybe spoils one result in place, keyed by (seed, listing, day) so the same record drifts the same way on
 * every page that carries it. Returns how it drifted, or null.
 */
export function driftResult(
  result: V3Result,
  rate: number,
  seed: number,
  index: number,
  day: number,
): DriftKind | null {
  if (rate <= 0 || unit3(seed, index, SALT_DRIFT + day) >= rate) return null;
  const variant = hash3(seed, index, SALT_DRIFT - day);
  const kinds: DriftKind[] = ['missing', 'renamed', 'wrong_type'];
  const kind = kinds[variant % 3] as DriftKind;
  const which = (variant >>> 4) % 3;
  if (kind === 'missing') delete result[['property_id', 'list_price', 'location'][which] as string];
  if (kind === 'renamed') rename(result, ['property_id', 'list_price', 'status'][which] as string);
  if (kind === 'wrong_type') spoilType(result, which);
  return kind;
}

function rename(result: V3Result, key: string): void {
  const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  result[camel] = result[key];
  delete result[key];
}

function spoilType(result: V3Result, which: number): void {
  if (which === 0) result.list_price = `$${Number(result.list_price ?? 0).toLocaleString('en-US')}`;
  if (which === 1) result.list_date = Date.parse(String(result.list_date));
  if (which === 2) {
    const description = result.description as Record<string, unknown>;
    description.beds = `${String(description.beds)} bd`;
  }
}
