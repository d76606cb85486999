import * as v from 'valibot';
import { ApiError } from '../errors.js';
import { type ApiErrorBody, apiErrorBodyOf } from './api-error-body.js';

/** Which kind of response a document is. */
export type ResponseShape = 'v3_list' | 'next_data' | 'v3_detail' | 'v2_list' | 'bare_array';

/** The raw results of one response, untouched, with the paging figures it reported. */
export interface ResponseResults {
  kind: 'results';
  shape: ResponseShape;
  results: unknown[];
  /** Matching listings in all pages, when the response says. */
  total: number | null;
  /** Results in this response, as it reports them (else the number found). */
  count: number | null;
}

/** Either the results of a response or the error it carries: an error body is never read as zero results. */
export type ExtractedResponse = ResponseResults | ApiErrorBody;

const rowCount = v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0)));
const homeSearch = v.object({ results: v.array(v.unknown()), total: rowCount, count: rowCount });
const ENVELOPES = {
  // POST /properties/v3/list
  v3_list: v.object({ data: v.object({ home_search: homeSearch }) }),
  // realtor.com page data (__NEXT_DATA__), same result shape as v3
  next_data: v.object({
    props: v.object({ pageProps: v.object({ searchResults: v.object({ home_search: homeSearch }) }) }),
  }),
  // GET /properties/v3/detail: one result, null when the property is unknown
  v3_detail: v.object({ data: v.object({ home: v.nullable(v.looseObject({})) }) }),
  // GET /properties/v2/list-for-sale (and list-for-rent, list-sold)
  v2_list: v.object({
    properties: v.array(v.unknown()),
    meta: v.nullish(v.object({ returned_rows: rowCount, matching_rows: rowCount })),
  }),
};

/** Finds the raw results (or the API error) in one response document of any supported shape. */
export function extractResults(document: unknown): ExtractedResponse {
  const error = apiErrorBodyOf(document);
  if (error !== null) return error;
  if (Array.isArray(document)) return fromArray(document);
  const shape = envelopeShapeOf(document);
  if (shape === null) throw notAResponse(document);
  const checked = v.safeParse(ENVELOPES[shape], document);
  if (!checked.success) throw malformed(shape, checked.issues);
  const out = checked.output;
  if ('properties' in out) {
    const count = out.meta?.returned_rows ?? out.properties.length;
    return results('v2_list', out.properties, out.meta?.matching_rows ?? null, count);
  }
  if ('props' in out) {
    const search = out.props.pageProps.searchResults.home_search;
    return results('next_data', search.results, search.total ?? null, search.count ?? search.results.length);
  }
  if ('home' in out.data) {
    const homes = out.data.home === null ? [] : [out.data.home];
    return results('v3_detail', homes, homes.length, homes.length);
  }
  const search = out.data.home_search;
  return results('v3_list', search.results, search.total ?? null, search.count ?? search.results.length);
}

function envelopeShapeOf(document: unknown): Exclude<ResponseShape, 'bare_array'> | null {
  if (typeof document !== 'object' || document === null) return null;
  if ('props' in document) return 'next_data';
  if ('properties' in document) return 'v2_list';
  const data = (document as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return null;
  if ('home_search' in data) return 'v3_list';
  if ('home' in data) return 'v3_detail';
  return null;
}

// An array is either the results themselves, or several saved responses (the next-data file is one of those).
function fromArray(items: unknown[]): ExtractedResponse {
  const shapes = items.map(envelopeShapeOf);
  if (items.length === 0 || shapes.some((shape) => shape === null)) {
    return results('bare_array', items, null, items.length);
  }
  const extracted = items.map(extractResults);
  const error = extracted.find((e): e is ApiErrorBody => e.kind === 'api_error');
  if (error !== undefined) return error;
  const pages = extracted as ResponseResults[];
  const first = pages[0] as ResponseResults;
  if (pages.length === 1) return first;
  const all = pages.flatMap((page) => page.results);
  return results(first.shape, all, null, all.length);
}

function results(
  shape: ResponseShape,
  list: unknown[],
  total: number | null,
  count: number,
): ResponseResults {
  return { kind: 'results', shape, results: list, total, count };
}

function notAResponse(document: unknown): ApiError {
  const what = Array.isArray(document)
    ? 'an array'
    : typeof document === 'object' && document !== null
      ? `an object with keys [${Object.keys(document).slice(0, 10).join(', ')}]`
      : `a ${document === null ? 'null' : typeof document}`;
  return new ApiError(
    'REALTY_API_RESPONSE',
    `not a Realtor API response: got ${what}; expected data.home_search.results (v3 list), data.home (v3 detail), ` +
      'props.pageProps.searchResults.home_search (realtor.com page), properties + meta (v2), an array of results, ' +
      'or an error body with a message',
  );
}

function malformed(shape: ResponseShape, issues: readonly v.BaseIssue<unknown>[]): ApiError {
  const problems = issues.slice(0, 5).map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
  return new ApiError(
    'REALTY_API_RESPONSE',
    `a ${shape} response with an unexpected envelope (${problems.join('; ')}); the API may have changed its format`,
  );
}
