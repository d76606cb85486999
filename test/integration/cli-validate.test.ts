import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { hasSharedFixtures, loadFixture, loadFixtureText, sharedFixturePath } from '../helpers/fixtures.js';

interface Report {
  file: string;
  documents: number;
  accepted: number;
  rejected: number;
  reasons: Record<string, number>;
  errors: string[];
}

const reports = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Report);

describe.skipIf(!hasSharedFixtures)('realty validate on saved real responses', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts every listing of the real v3, realtor.com, rental and v2 responses', async () => {
    const files = [
      'realty-in-us_v3_list_90004_for_sale_limit10_renty.json',
      'realtorcom_nextdata_home_search_alpine_ut_42.json',
      'real-estate12_listings-rent_boston_results_42.json',
      'realtor_v2_list-for-sale_nyc_200.json',
    ].map((name) => sharedFixturePath('realtor-api', name));

    const run = await runCli(['validate', '--json', ...files]);

    expect(run.code).toBe(0);
    expect(reports(run.stdout).map((r) => [r.accepted, r.rejected])).toEqual([
      [10, 0],
      [42, 0],
      [42, 0],
      [200, 0],
    ]);
  });

  it('reads several concatenated documents and counts the reasons of what it rejects, by field path', async () => {
    const page = loadFixture<{ data: { home_search: { results: Record<string, unknown>[] } } }>(
      'realtor-api',
      'realty-in-us_v3_list_90004_for_sale_limit10_renty.json',
    );
    const drifted = structuredClone(page);
    const first = drifted.data.home_search.results[0]!;
    first['list_price'] = 'call for price';
    delete first['property_id'];
    const file = path.join(dir, 'appended.json');
    await writeFile(
      file,
      `${JSON.stringify(page)}\n${JSON.stringify(drifted)}\n${JSON.stringify({ message: 'You are not subscribed to this API.' })}`,
    );

    const run = await runCli(['validate', '--json', file]);

    const [report] = reports(run.stdout);
    expect(run.code).toBe(1);
    expect(report).toMatchObject({ documents: 3, accepted: 19, rejected: 1 });
    expect(Object.keys(report!.reasons).sort()).toEqual([
      'missing_required@property_id',
      'wrong_type@list_price',
    ]);
    expect(report!.errors.join(' ')).toContain('You are not subscribed to this API.');
  });

  it('names the line and column of malformed JSON', async () => {
    const file = path.join(dir, 'truncated.json');
    await writeFile(
      file,
      loadFixtureText('realtor-api', 'realty-in-us_v3_list_90004_for_sale_limit10_renty.json').slice(0, 5000),
    );

    const run = await runCli(['validate', file]);

    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/line \d+/);
  });
});
