import { describe, expect, it } from 'vitest';
import { validateResponseText } from '../../../src/pipeline/validate-responses.js';
import { hasSharedFixtures, loadFixture, loadFixtureText } from '../../helpers/fixtures.js';
import { NEXT_DATA, RENTALS, V2_LIST, V3_LIST } from '../domain/realtor-fixtures.js';

const context = { source: 'responses.json', observedAt: Date.UTC(2024, 1, 16) };
const text = (file: string) => loadFixtureText('realtor-api', file);

describe.skipIf(!hasSharedFixtures)('validateResponseText on real response files', () => {
  it.each([
    [V3_LIST.file, 10],
    [NEXT_DATA.file, 42],
    [RENTALS.file, 42],
    [V2_LIST.file, 200],
  ])('accepts every listing of %s (%d)', (file, listings) => {
    const report = validateResponseText(text(file), context);

    expect(report).toEqual({ documents: 1, accepted: listings, rejected: 0, reasons: {}, errors: [] });
  });

  it('reads a file of responses appended one after another', () => {
    const appended = [V3_LIST.file, RENTALS.file, V2_LIST.file].map(text).join('\n');

    const report = validateResponseText(appended, context);

    expect(report).toMatchObject({ documents: 3, accepted: 252, rejected: 0, errors: [] });
  });

  it('counts rejections by reason@path', () => {
    const page = loadFixture<{ data: { home_search: { results: Record<string, unknown>[] } } }>(
      'realtor-api',
      V3_LIST.file,
    );
    const [first, second, third] = page.data.home_search.results as [
      Record<string, unknown>,
      ...Record<string, unknown>[],
    ];
    first.status = 'auction';
    delete (second as Record<string, unknown>).property_id;
    (third as Record<string, unknown>).status = 'lease';

    const report = validateResponseText(JSON.stringify(page), context);

    expect(report).toEqual({
      documents: 1,
      accepted: 7,
      rejected: 3,
      reasons: { 'unknown_status@status': 2, 'missing_required@property_id': 1 },
      errors: [],
    });
  });

  it('reports a file that is an API error body as an error, not as zero listings', () => {
    const body = loadFixture<Record<string, unknown>>(
      'realtor-api',
      'rapidapi_error_bodies_observed.json',
    ).not_subscribed_403;

    const report = validateResponseText(JSON.stringify(body), context);

    expect(report).toEqual({
      documents: 1,
      accepted: 0,
      rejected: 0,
      reasons: {},
      errors: [
        'document 1: an API error body (not_subscribed, REALTY_API_AUTH): "You are not subscribed to this API."',
      ],
    });
  });

  it('keeps the documents before malformed JSON and says where it is', () => {
    const broken = `${text(V3_LIST.file)}\n{"data": {"home_search": }}`;

    const report = validateResponseText(broken, context);

    expect(report).toMatchObject({ documents: 1, accepted: 10 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^JSON document 2 is malformed at byte \d+ \(line \d+, column 26\)/);
  });

  it('reports a document that is no API response with its keys', () => {
    const report = validateResponseText(text('rapidapi_error_bodies_observed.json'), context);

    expect(report.documents).toBe(1);
    expect(report.errors[0]).toMatch(
      /^document 1: not a Realtor API response: got an object with keys \[_note, /,
    );
  });
});

describe('validateResponseText on empty input', () => {
  it('says an empty file holds no document', () => {
    expect(validateResponseText('\n', context)).toEqual({
      documents: 0,
      accepted: 0,
      rejected: 0,
      reasons: {},
      errors: ['the file holds no JSON document; expected saved Realtor API responses'],
    });
  });
});
