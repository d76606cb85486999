import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastJson, runCli } from '../../helpers/cli.js';
import { buildViewWarehouse, craftedMarketRecords, type ViewWarehouse } from './view-warehouse.js';

let warehouse: ViewWarehouse;

beforeAll(async () => {
  warehouse = await buildViewWarehouse(craftedMarketRecords());
}, 60_000);
afterAll(async () => {
  await warehouse?.cleanup();
});

const query = (...args: string[]) => runCli(['query', ...args, '--data-dir', warehouse.dir]);

describe('realty query --view', () => {
  it('prints a view filtered by --where and cut to --limit', async () => {
    const result = await query(
      '--view',
      'deal_screen',
      '--where',
      'discount_pct >= 20',
      '--limit',
      '5',
      '--format',
      'json',
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(lastJson<{ property_id: string; discount_pct: number }[]>(result.stdout)).toMatchObject([
      { property_id: 'D1', discount_pct: 25 },
    ]);
  });

  it('prints an aligned table of a view by default', async () => {
    const result = await query('--view', 'rental_yield', '--where', "state = 'CA'");

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^state\s+city\s+postal_code\s+beds\s+rentals/);
    expect(result.stdout).toMatch(/CA\s+Los Angeles\s+90004\s+3\s+1/);
  });

  it('refuses an unknown view, naming the views it knows', async () => {
    const result = await query('--view', 'listings_raw');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown view "listings_raw"; the views are market_summary, price_history/);
  });

  it('refuses a --where that would end the statement, and says why', async () => {
    const result = await query('--view', 'deal_screen', '--where', '1=1; DROP VIEW deal_screen');

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--where may not contain ';' \(one expression, not a second statement\)/);
  });

  it('explains --where in its help', async () => {
    const result = await runCli(['query', '--help']);

    expect(result.stdout).toMatch(/--view <name>/);
    expect(result.stdout).toMatch(/may not hold ';' \(a second statement\)/);
  });

  it("passes the engine's own message on when a --where names no column", async () => {
    const result = await query('--view', 'price_history', '--where', 'no_such_column > 1');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DuckDB could not run the query: Binder Error: .*no_such_column/);
  });
});
