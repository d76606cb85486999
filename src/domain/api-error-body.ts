import { ApiError } from '../errors.js';

/** What an error body says went wrong. */
export type ApiErrorKind =
  | 'not_subscribed'
  | 'invalid_key'
  | 'rate_limited'
  | 'quota_exceeded'
  | 'api_message';

/** The error codes an error body maps onto (see ApiError in src/errors.ts). */
export type ApiErrorCode = ConstructorParameters<typeof ApiError>[0];

/** An answer of the API (or the RapidAPI gateway in front of it) that carries an error instead of listings. */
export interface ApiErrorBody {
  kind: 'api_error';
  error: ApiErrorKind;
  code: ApiErrorCode;
  /** The message exactly as the body gave it. */
  message: string;
}

// RapidAPI gateway bodies, as recorded in public code: 403 {"message":"You are not subscribed to this API."},
// 401 {"message":"Invalid API key. Go to https://docs.rapidapi.com/docs/keys for more info."},
// 429 {"message":"You have exceeded the rate limit per second for your plan, BASIC, by the API provider"},
// and "You have exceeded the MONTHLY quota for Requests on your current plan, BASIC. Upgrade your plan at ...".
const GATEWAY_MESSAGES: readonly { pattern: RegExp; error: ApiErrorKind; code: ApiErrorCode }[] = [
  { pattern: /not subscribed/i, error: 'not_subscribed', code: 'REALTY_API_AUTH' },
  {
    pattern: /invalid api key|missing rapidapi application key/i,
    error: 'invalid_key',
    code: 'REALTY_API_AUTH',
  },
  { pattern: /monthly quota/i, error: 'quota_exceeded', code: 'REALTY_API_BUDGET' },
  { pattern: /rate limit|too many requests/i, error: 'rate_limited', code: 'REALTY_API_RATE_LIMIT' },
];

/** The error a response document carries, or null when it is not an error body. */
export function apiErrorBodyOf(document: unknown): ApiErrorBody | null {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return null;
  const body = document as Record<string, unknown>;
  if (
    typeof body.message === 'string' &&
    !('data' in body) &&
    !('properties' in body) &&
    !('props' in body)
  ) {
    return classifyApiMessage(body.message);
  }
  // GraphQL errors of the v3 endpoints: {"data": null, "errors": [{"message": "..."}]}.
  if (Array.isArray(body.errors) && body.errors.length > 0 && !hasListings(body.data)) {
    const messages = body.errors.map((e) =>
      isRecord(e) && typeof e.message === 'string' ? e.message : String(e),
    );
    return {
      kind: 'api_error',
      error: 'api_message',
      code: 'REALTY_API_RESPONSE',
      message: messages.join('; '),
    };
  }
  return null;
}

/** What a gateway or API error message means. */
export function classifyApiMessage(message: string): ApiErrorBody {
  const known = GATEWAY_MESSAGES.find(({ pattern }) => pattern.test(message));
  return {
    kind: 'api_error',
    error: known?.error ?? 'api_message',
    code: known?.code ?? 'REALTY_API_RESPONSE',
    message,
  };
}

/** The typed error to throw for an error body, with the HTTP status when there was one. */
export function apiErrorFrom(body: ApiErrorBody, status?: number): ApiError {
  const hint = HINTS[body.error];
  return new ApiError(body.code, `Realtor API answered ${body.error}: "${body.message}"; ${hint}`, {
    ...(status === undefined ? {} : { status }),
  });
}

const HINTS: Record<ApiErrorKind, string> = {
  not_subscribed: 'subscribe the key to this API on RapidAPI, or set a key that is subscribed',
  invalid_key: 'check the API key setting (REALTY_API_KEY)',
  rate_limited: 'slow down: lower the request rate or wait before retrying',
  quota_exceeded: 'the plan quota is used up: wait for the next period or raise the plan',
  api_message: 'the API could not answer this request; check the request and retry later',
};

function hasListings(data: unknown): boolean {
  if (!isRecord(data)) return false;
  return isRecord(data.home_search) || isRecord(data.home);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
