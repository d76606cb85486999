// Serverless variable source: the investor views (jobs/views/*.sql, the one text Athena and DuckDB run) as
// Athena `CREATE OR REPLACE VIEW` statements, so serverless.yml deploys them as named queries without a
// second copy of the SQL. Used as ${file(scripts/athena-views.cjs):<view>}.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const VIEWS = ['market_summary', 'price_history', 'rental_yield', 'deal_screen', 'market_momentum'];
const database = process.env.REALTY_DATABASE || 'realty';

module.exports = Object.fromEntries(
  VIEWS.map((name) => {
    const sql = readFileSync(path.join(__dirname, '..', 'jobs', 'views', `${name}.sql`), 'utf8')
      .trim()
      .replace(/;\s*$/, '');
    return [name, `CREATE OR REPLACE VIEW ${database}.${name} AS\n${sql}`];
  }),
);
