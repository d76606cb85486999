import type { Sandbox } from '../../../../src/local/sandbox/sandbox.js';

/** The body the real client sends (../shared/fixtures/SOURCES.md), for one postal code. */
export function listBody(
  postalCode: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    limit: 200,
    offset: 0,
    postal_code: postalCode,
    status: ['for_sale'],
    sort: { direction: 'desc', field: 'list_date' },
    ...overrides,
  };
}

/** POSTs a list request to the sandbox with the real headers; `headers` replaces them where given. */
export async function postList(
  sandbox: Sandbox,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${sandbox.url}/properties/v3/list`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'X-RapidAPI-Key': sandbox.apiKey,
      'X-RapidAPI-Host': sandbox.host,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every result of one query, across as many pages as it takes. */
export async function fetchAll(
  sandbox: Sandbox,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const results: Record<string, unknown>[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = JSON.parse((await postList(sandbox, { ...body, limit: 200, offset })).text);
    const search = page.data.home_search as { total: number; results: Record<string, unknown>[] };
    results.push(...search.results);
    if (search.results.length < 200 || results.length >= search.total) return results;
  }
}
