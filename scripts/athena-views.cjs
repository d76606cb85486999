// Serverless variable source: the investor views (jobs/views/*.sql, the one text Athena and DuckDB run) as
// Athena `CREATE OR REPLACE VIEW <database>.<view>` statements, so serverless.yml deploys them as named queries
// without a second copy of the SQL. Used as ${file(scripts/athena-views.cjs):<view>}: each property is a
// function osls calls with its resolver, so the view lands in the stage's database (custom.database,
// `realty_<stage>`), the one the stack's Glue tables are in, never a fixed name.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const VIEWS = ['market_summary', 'price_history', 'rental_yield', 'deal_screen', 'market_momentum'];

/** The statement that creates or replaces `view` in `database`. */
function createViewStatement(database, view) {
  // Glue database names are lower-case; anything else would land the view elsewhere or fail in Athena.
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) {
    throw new Error(`custom.database "${database}" is not a lower-case Glue database name`);
  }
  const sql = readFileSync(path.join(__dirname, '..', 'jobs', 'views', `${view}.sql`), 'utf8')
    .trim()
    .replace(/;\s*$/, '');
  return `CREATE OR REPLACE VIEW ${database}.${view} AS\n${sql}`;
}

module.exports = Object.fromEntries(
  VIEWS.map((view) => [
    view,
    async ({ resolveVariable }) => createViewStatement(await resolveVariable('self:custom.database'), view),
  ]),
);
