import * as v from 'valibot';
import { intFrom, list, positiveInt, text } from './value-schemas.js';

/** The Realtor API (or the built-in sandbox) and what to fetch. */
export const API_SETTINGS = {
  apiUrl: {
    env: 'REALTY_API_URL',
    flag: 'api-url',
    default: undefined,
    schema: v.pipe(text, v.url('must be a URL')),
    doc: 'Realtor API base URL; unset: `realty run` starts the built-in sandbox',
  },
  apiKey: {
    env: 'REALTY_API_KEY',
    flag: undefined,
    default: undefined,
    schema: text,
    doc: 'RapidAPI key (environment only, never a flag, never logged)',
  },
  apiHost: {
    env: 'REALTY_API_HOST',
    flag: 'api-host',
    default: 'realty-in-us.p.rapidapi.com',
    schema: text,
    doc: 'X-RapidAPI-Host header',
  },
  apiPageSize: {
    env: 'REALTY_API_PAGE_SIZE',
    flag: 'page-size',
    default: '200',
    schema: positiveInt(200),
    doc: 'Results per API request (the API allows 200)',
  },
  apiTimeoutMs: {
    env: 'REALTY_API_TIMEOUT_MS',
    flag: 'api-timeout-ms',
    default: '10000',
    schema: positiveInt(300_000),
    doc: 'Timeout of one API request',
  },
  apiRequestBudget: {
    env: 'REALTY_API_REQUEST_BUDGET',
    flag: 'request-budget',
    default: '5000',
    schema: positiveInt(10_000_000),
    doc: 'Most API requests one ingest run may make',
  },
  searchAreas: {
    env: 'REALTY_SEARCH_AREAS',
    flag: 'areas',
    default: '',
    schema: list,
    doc: 'Search areas separated by spaces, e.g. "postal:90004:for_sale,sold city:Salt+Lake+City,UT:for_rent" (+ for a space in a city); unset: every sandbox area',
  },
  apiKeyParameter: {
    env: 'REALTY_API_KEY_PARAMETER',
    flag: undefined,
    default: undefined,
    schema: v.pipe(
      text,
      v.regex(/^\/[\w./-]{1,1010}$/, 'must be an SSM parameter name like /realty/prod/api-key'),
    ),
    doc: 'SSM parameter (SecureString) holding the API key, read once per Lambda container when REALTY_API_KEY is unset',
  },
  listings: {
    env: 'REALTY_LISTINGS',
    flag: 'listings',
    default: '3000',
    schema: positiveInt(2_000_000),
    doc: 'Size of the sandbox market',
  },
  seed: {
    env: 'REALTY_SEED',
    flag: 'seed',
    default: '42',
    schema: intFrom(0, 2 ** 31 - 1),
    doc: 'Seed of the sandbox market',
  },
  faults: {
    env: 'REALTY_FAULTS',
    flag: 'faults',
    default: '',
    // Parsed by `realty run` (parseFaultSpec), so a bad spec is one line naming the bad fault or value.
    schema: v.pipe(v.string(), v.trim()),
    doc: 'Faults `realty run` injects into the sandbox and embedded pieces, e.g. `api5xx=0.1,api429=0.1,malformed=0.02,kill-consumer=3` (empty: none)',
  },
} as const;
