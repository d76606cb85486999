import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { curatedTableDefinitions } from '../../../src/pipeline/curated-tables.js';
import { INVESTOR_VIEWS } from '../../../src/pipeline/investor-views.js';
import { rawTableDefinition } from '../../../src/pipeline/raw-table.js';
import { repoRoot } from '../../helpers/fixtures.js';
import { buildViewWarehouse, craftedMarketRecords, type ViewWarehouse } from '../views/view-warehouse.js';

const dictionary = readFileSync(path.join(repoRoot, 'docs', 'data-dictionary.md'), 'utf8');

/** The section of the dictionary about `name`: from its heading to the next heading of any level. */
function section(name: string): string {
  // The section whose heading starts with the name (another heading may mention it: "… behind price_history").
  const start = dictionary.search(new RegExp(`^#+ ${name}\\b`, 'm'));
  if (start < 0) return '';
  const rest = dictionary.slice(dictionary.indexOf('\n', start) + 1);
  const end = rest.search(/^#+ /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Columns named nowhere in `text`: neither as a table cell (alone or in a comma list) nor in backticks. */
function unnamed(columns: readonly string[], text: string): string[] {
  return columns.filter((column) => !new RegExp(`(\\|\\s*|,\\s*|\`)${column}(\\s*\\||,|\`)`).test(text));
}

describe('docs/data-dictionary.md', () => {
  let warehouse: ViewWarehouse;
  beforeAll(async () => {
    warehouse = await buildViewWarehouse(craftedMarketRecords());
  }, 120_000);
  afterAll(async () => {
    await warehouse.cleanup();
  });

  it('names every column of every table the catalog defines', () => {
    for (const table of [rawTableDefinition('realty'), ...curatedTableDefinitions('realty')]) {
      const columns = [...table.columns, ...table.partitionKeys].map((column) => column.name);

      expect(unnamed(columns, dictionary), table.name).toEqual([]);
    }
  });

  it('names every column of listing_outcomes in its own section', () => {
    const outcomes = curatedTableDefinitions('realty').find((table) => table.name === 'listing_outcomes');
    const columns = [...(outcomes?.columns ?? []), ...(outcomes?.partitionKeys ?? [])].map((c) => c.name);

    expect(columns.length).toBeGreaterThan(50);
    expect(unnamed(columns, section('listing_outcomes'))).toEqual([]);
  });

  it.each(INVESTOR_VIEWS)('names every column of the view %s in its section', async (view) => {
    const result = await warehouse.engine.query(`SELECT * FROM ${view} LIMIT 0`);

    expect(
      unnamed(
        result.columns.map((column) => column.name),
        section(view),
      ),
    ).toEqual([]);
  });
});
