import { DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../../errors.js';
import type { WhereCheck } from '../../ports/where-check.js';
import { duckDbMessage } from './duckdb-session.js';

interface ParsedSql {
  error?: boolean;
  error_message?: string;
  statements?: { node?: unknown }[];
}

/**
 * A WhereCheck by DuckDB's own parser: the condition is wrapped as `SELECT * FROM table WHERE (...)` and
 * parsed (json_serialize_sql), never run. It must parse as that one SELECT, with no second statement, no
 * subquery and no table function (read_parquet, read_csv, glob...), so it can neither read a file nor
 * change anything. Whether its columns exist is the engine's to say when the export runs.
 */
export const checkWhereWithDuckDb: WhereCheck = async (where, table) => {
  if (where.trim() === '')
    throw new UsageError('--where is empty: give a condition, e.g. --where "price > 0"');
  const parsed = await parseSql(`SELECT * FROM ${table} WHERE (${where})`);
  if (parsed.error || parsed.statements === undefined) {
    throw new UsageError(
      `--where ${JSON.stringify(where)} is not an SQL condition: ${parsed.error_message ?? 'it does not parse'}`,
    );
  }
  const problem =
    parsed.statements.length === 1 ? forbiddenPart(parsed.statements[0]?.node, table) : 'a second statement';
  if (problem !== undefined) {
    throw new UsageError(
      `--where ${JSON.stringify(where)} holds ${problem}: give one condition over the columns of ${table}, e.g. "state = 'TX' AND list_price < 300000"`,
    );
  }
};

async function parseSql(sql: string): Promise<ParsedSql> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
    return JSON.parse(String(reader.getRows()[0]?.[0])) as ParsedSql;
  } catch (error) {
    return { error: true, error_message: duckDbMessage(error) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What in the parsed SELECT is not a plain condition over `table`, or undefined when nothing is. */
function forbiddenPart(root: unknown, table: string): string | undefined {
  if (!isNode(root) || root['type'] !== 'SELECT_NODE') return 'something that makes it more than one SELECT';
  const from = root['from_table'];
  if (!isNode(from) || from['type'] !== 'BASE_TABLE' || from['table_name'] !== table) {
    return 'something that changes the table read';
  }
  return findForbidden(root['where_clause']);
}

function findForbidden(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findForbidden(child);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isNode(node)) return undefined;
  if (node['class'] === 'SUBQUERY' || node['type'] === 'SUBQUERY') return 'a subquery';
  if (node['type'] === 'TABLE_FUNCTION' || node['type'] === 'BASE_TABLE') return 'a table reference';
  return findForbidden(Object.values(node));
}

function isNode(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
