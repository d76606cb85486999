import { describe, expect, it } from 'vitest';
import { apiErrorFrom, classifyApiMessage } from '../../../src/domain/api-error-body.js';
import { extractResults } from '../../../src/domain/extract-results.js';
import { ApiError } from '../../../src/errors.js';
import { hasSharedFixtures, loadFixture } from '../../helpers/fixtures.js';
import { fixtureResults, NEXT_DATA, RENTALS, V2_LIST, V3_LIST } from './realtor-fixtures.js';

type ErrorBodies = Record<string, { message: string }> & { monthly_quota_substring: string };
const errorBodies = () => loadFixture<ErrorBodies>('realtor-api', 'rapidapi_error_bodies_observed.json');

function apiErrorOf(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe.skipIf(!hasSharedFixtures)('extractResults on real responses', () => {
  it('reads a v3 list with its total and count', () => {
    const extracted = extractResults(loadFixture('realtor-api', V3_LIST.file));

    expect(extracted).toMatchObject({ kind: 'results', shape: 'v3_list', total: 79, count: 10 });
    expect(extracted.kind === 'results' && extracted.results).toEqual(fixtureResults(V3_LIST));
  });

  it('reads realtor.com page data, saved as an array holding one page', () => {
    const file = loadFixture<unknown[]>('realtor-api', NEXT_DATA.file);

    const fromFile = extractResults(file);
    const fromPage = extractResults(file[0]);

    expect(fromFile).toMatchObject({ kind: 'results', shape: 'next_data', total: 62, count: 42 });
    expect(fromPage).toEqual(fromFile);
    expect(fromFile.kind === 'results' && fromFile.results).toHaveLength(42);
  });

  it('reads a bare array of results', () => {
    const extracted = extractResults(loadFixture('realtor-api', RENTALS.file));

    expect(extracted).toMatchObject({ kind: 'results', shape: 'bare_array', total: null, count: 42 });
  });

  it('reads a v2 list-for-sale with meta.matching_rows as its total', () => {
    const extracted = extractResults(loadFixture('realtor-api', V2_LIST.file));

    expect(extracted).toMatchObject({ kind: 'results', shape: 'v2_list', total: 35_427, count: 200 });
    expect(extracted.kind === 'results' && extracted.results).toHaveLength(200);
  });

  it('reads a v3 detail answer (data.home) as one result, and an unknown property as none', () => {
    const home = fixtureResults(V3_LIST)[0];

    expect(extractResults({ data: { home } })).toEqual({
      kind: 'results',
      shape: 'v3_detail',
      results: [home],
      total: 1,
      count: 1,
    });
    expect(extractResults({ data: { home: null } })).toMatchObject({
      shape: 'v3_detail',
      results: [],
      total: 0,
    });
  });

  it('merges several saved pages of one array into one list of results', () => {
    const page = loadFixture('realtor-api', V3_LIST.file);

    const extracted = extractResults([page, structuredClone(page)]);

    expect(extracted).toMatchObject({ kind: 'results', shape: 'v3_list', total: null, count: 20 });
  });
});

describe.skipIf(!hasSharedFixtures)('extractResults on the RapidAPI error bodies', () => {
  it('returns "not subscribed" as an auth error, not as zero results', () => {
    const body = errorBodies().not_subscribed_403;

    expect(extractResults(body)).toEqual({
      kind: 'api_error',
      error: 'not_subscribed',
      code: 'REALTY_API_AUTH',
      message: 'You are not subscribed to this API.',
    });
  });

  it.each(['BASIC', 'PRO', 'ULTRA'])(
    'returns the per-second limit of the %s plan as a rate-limit error',
    (plan) => {
      const body = errorBodies()[`rate_limit_per_second_429_${plan}`];

      expect(extractResults(body)).toMatchObject({
        kind: 'api_error',
        error: 'rate_limited',
        code: 'REALTY_API_RATE_LIMIT',
      });
    },
  );

  it('returns the monthly quota message as a budget error', () => {
    const body = {
      message: `You have ${errorBodies().monthly_quota_substring} for Requests on your current plan, BASIC.`,
    };

    expect(extractResults(body)).toMatchObject({
      kind: 'api_error',
      error: 'quota_exceeded',
      code: 'REALTY_API_BUDGET',
    });
  });
});

describe('extractResults on other answers', () => {
  it('returns a bad key as an auth error', () => {
    const body = { message: 'Invalid API key. Go to https://docs.rapidapi.com/docs/keys for more info.' };

    expect(extractResults(body)).toMatchObject({
      kind: 'api_error',
      error: 'invalid_key',
      code: 'REALTY_API_AUTH',
    });
  });

  it('returns GraphQL errors without data as an API error with their messages', () => {
    const body = { data: null, errors: [{ message: 'Internal server error' }, { message: 'try again' }] };

    expect(extractResults(body)).toEqual({
      kind: 'api_error',
      error: 'api_message',
      code: 'REALTY_API_RESPONSE',
      message: 'Internal server error; try again',
    });
  });

  it('refuses a document that is no Realtor API response, naming its keys and what was expected', () => {
    const error = apiErrorOf(() => extractResults({ listings: [], page: 1 }));

    expect(error.code).toBe('REALTY_API_RESPONSE');
    expect(error.message).toMatch(
      /^not a Realtor API response: got an object with keys \[listings, page\]; expected /,
    );
  });

  it('refuses a v3 list whose results are not an array, naming the path', () => {
    const error = apiErrorOf(() => extractResults({ data: { home_search: { results: 'none', total: 0 } } }));

    expect(error.message).toMatch(
      /^a v3_list response with an unexpected envelope \(data\.home_search\.results: /,
    );
  });
});

describe('apiErrorFrom', () => {
  it('makes a typed ApiError that says what happened and what to do, with the HTTP status', () => {
    const error = apiErrorFrom(classifyApiMessage('You are not subscribed to this API.'), 403);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'REALTY_API_AUTH', status: 403 });
    expect(error.message).toBe(
      'Realtor API answered not_subscribed: "You are not subscribed to this API."; ' +
        'subscribe the key to this API on RapidAPI, or set a key that is subscribed',
    );
  });
});
