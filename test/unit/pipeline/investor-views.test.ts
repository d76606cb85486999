import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import {
  DEAL_SCREEN_MIN_DISCOUNT_PCT,
  INVESTOR_VIEWS,
  investorViewDefinitions,
  isInvestorView,
  viewQuerySql,
} from '../../../src/pipeline/investor-views.js';

describe('viewQuerySql', () => {
  it('selects the whole view, filtered and limited when asked', () => {
    expect(viewQuerySql('deal_screen')).toBe('SELECT * FROM deal_screen');
    expect(viewQuerySql('deal_screen', { where: "discount_pct >= 20 AND state = 'TX'", limit: 5 })).toBe(
      "SELECT * FROM deal_screen WHERE (discount_pct >= 20 AND state = 'TX') LIMIT 5",
    );
  });

  it('refuses a name that is not an investor view, and lists the views', () => {
    expect(() => viewQuerySql('listings_raw; DROP TABLE x')).toThrow(UsageError);
    expect(() => viewQuerySql('nope')).toThrow(/the views are market_summary, price_history/);
  });

  it('refuses a filter that could end the statement or comment out the rest', () => {
    for (const where of ['1=1; DROP VIEW deal_screen', 'true -- and more', 'true /* x */', "state = 'TX"]) {
      expect(() => viewQuerySql('deal_screen', { where }), where).toThrow(UsageError);
    }
    expect(() => viewQuerySql('deal_screen', { where: '  ' })).toThrow(/--where is empty/);
  });

  it('accepts semicolons and dashes inside string literals', () => {
    expect(viewQuerySql('price_history', { where: "address_line = 'A; B -- C /* D'" })).toBe(
      "SELECT * FROM price_history WHERE (address_line = 'A; B -- C /* D')",
    );
  });

  it('refuses a limit that is not a whole number of rows', () => {
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(() => viewQuerySql('rental_yield', { limit }), String(limit)).toThrow(/--limit/);
    }
  });
});

describe('the investor views', () => {
  it('are known by name and read in creation order, market_summary before market_momentum that reads it', async () => {
    const read: string[] = [];

    const views = await investorViewDefinitions('realty', async (name) => {
      read.push(name);
      return `SELECT 1 AS ${name}`;
    });

    expect(views.map((v) => v.name)).toEqual([...INVESTOR_VIEWS]);
    expect(views[0]).toEqual({
      database: 'realty',
      name: 'market_summary',
      sql: 'SELECT 1 AS market_summary',
    });
    expect(INVESTOR_VIEWS.indexOf('market_summary')).toBeLessThan(INVESTOR_VIEWS.indexOf('market_momentum'));
    expect(isInvestorView('deal_screen')).toBe(true);
    expect(isInvestorView('listings_raw')).toBe(false);
    expect(DEAL_SCREEN_MIN_DISCOUNT_PCT).toBe(10);
  });
});
