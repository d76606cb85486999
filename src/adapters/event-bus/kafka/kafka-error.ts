import { BusError } from '../../../errors.js';

const AUTHENTICATION = 'PLT_KFK_AUTHENTICATION';
const AUTHENTICATION_HINT =
  'the broker refused the credentials: check the SCRAM user and password, or that the IAM role may kafka-cluster:Connect';

/**
 * A client error as a BusError saying what we were doing and what the broker said. Only the messages of
 * the error and its nested errors are kept (they name APIs and codes, never credentials).
 */
export function kafkaError(action: string, error: unknown, hint?: string): BusError {
  if (error instanceof BusError) return error;
  const reasons = new Set<string>();
  const codes = new Set<string>();
  collect(error, reasons, codes, 0);
  const said = [...reasons].slice(-4).join('; ') || 'unknown error';
  const advice = codes.has(AUTHENTICATION) ? AUTHENTICATION_HINT : hint;
  return new BusError(`${action} failed: ${said}${advice ? `; ${advice}` : ''}`, { cause: error });
}

// Walks nested errors (AggregateError.errors, cause): the innermost say what actually went wrong.
function collect(error: unknown, reasons: Set<string>, codes: Set<string>, depth: number): void {
  if (!(error instanceof Error) || depth > 8) return;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') codes.add(code);
  reasons.add(error.message);
  if (error instanceof AggregateError)
    for (const inner of error.errors) collect(inner, reasons, codes, depth + 1);
  if (error.cause) collect(error.cause, reasons, codes, depth + 1);
}
