/** Why a record was rejected, machine-readable: which rule, at which field path, with which value. */
export interface Rejection {
  reason: string;
  path: string;
  value: unknown;
}
