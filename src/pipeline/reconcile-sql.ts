import { isCalendarDate } from '../domain/partition-path.js';
import { InputError } from '../errors.js';
import type { PartitionRanges } from '../msk/offset-ranges.js';
import type { QueryEngine, QueryResult } from '../ports/query-engine.js';
import type { CuratedTableCounts, RawFacts, RecordRef } from '../reconciliation/reconcile-facts.js';

/** Which listings_raw rows belong to the runs: their run ids, and the first day any of them can be in. */
export interface RawScope {
  runIds: readonly string[];
  fromDay: string;
}

const SAFE_RUN_ID = /^[A-Za-z0-9._:-]{1,200}$/;
const DUPLICATE_SAMPLE = 100;

/** A SQL string literal (standard SQL: a quote is doubled), for values already checked against a pattern. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The WHERE clause of the runs' raw rows; refuses anything that is not a run id or a date. */
export function rawFilter(scope: RawScope): string {
  if (!isCalendarDate(scope.fromDay))
    throw new InputError(`reconcile day ${JSON.stringify(scope.fromDay)} is not YYYY-MM-DD`);
  const bad = scope.runIds.find((id) => !SAFE_RUN_ID.test(id));
  if (bad !== undefined || scope.runIds.length === 0) {
    throw new InputError(
      `run id ${JSON.stringify(bad ?? '')} cannot be reconciled: run ids are letters, digits and . _ : -`,
    );
  }
  // dt first: engines prune partitions on it (observations are never older than their run).
  return `dt >= ${literal(scope.fromDay)} AND run_id IN (${scope.runIds.map(literal).join(', ')})`;
}

/** Rows, distinct offsets as islands of consecutive offsets, and a sample of offsets written twice. */
export async function readRawFacts(engine: QueryEngine, scope: RawScope): Promise<RawFacts> {
  const where = rawFilter(scope);
  const rows = await engine.query(`SELECT count(*) AS row_count FROM listings_raw WHERE ${where}`);
  // Gaps-and-islands: offset minus its rank is constant along a run of consecutive offsets.
  const islands = await engine.query(
    `SELECT kafka_topic, kafka_partition, min(kafka_offset) AS first_offset, max(kafka_offset) AS last_offset
     FROM (
       SELECT kafka_topic, kafka_partition, kafka_offset,
         kafka_offset - row_number() OVER (PARTITION BY kafka_topic, kafka_partition ORDER BY kafka_offset) AS island
       FROM (SELECT DISTINCT kafka_topic, kafka_partition, kafka_offset FROM listings_raw WHERE ${where}) offsets
     ) numbered
     GROUP BY kafka_topic, kafka_partition, island`,
  );
  const copies = await engine.query(
    `SELECT kafka_topic, kafka_partition, kafka_offset, count(*) AS copies FROM listings_raw WHERE ${where}
     GROUP BY kafka_topic, kafka_partition, kafka_offset HAVING count(*) > 1
     ORDER BY copies DESC, kafka_topic, kafka_partition, kafka_offset LIMIT ${DUPLICATE_SAMPLE}`,
  );
  return { rows: num(rows.rows[0]?.[0]), written: islandsOf(islands), duplicates: copies.rows.map(copyOf) };
}

function islandsOf(result: QueryResult): PartitionRanges[] {
  return result.rows.map((row) => ({
    topic: String(row[0]),
    partition: num(row[1]),
    ranges: [{ first: num(row[2]), last: num(row[3]) }],
  }));
}

function copyOf(row: unknown[]): RecordRef & { copies: number } {
  return { topic: String(row[0]), partition: num(row[1]), offset: num(row[2]), copies: num(row[3]) };
}

/** How the runs' listing-days (history) or listings (current) show in a curated table. */
export async function readCuratedCounts(
  engine: QueryEngine,
  scope: RawScope,
  table: { name: string; keys: readonly string[]; byDay: boolean },
): Promise<CuratedTableCounts> {
  const keys = table.keys.join(', ');
  const join = table.keys.map((k) => `t.${k} = k.${k}`).join(' AND ');
  const tableWhere = table.byDay ? `WHERE dt >= ${literal(scope.fromDay)}` : '';
  const result = await engine.query(
    `WITH run_keys AS (SELECT DISTINCT ${keys} FROM listings_raw WHERE ${rawFilter(scope)}),
     table_keys AS (SELECT ${keys}, count(*) AS copies FROM ${table.name} ${tableWhere} GROUP BY ${keys})
     SELECT count(*) AS expected, count(t.copies) AS present,
       count(CASE WHEN t.copies > 1 THEN 1 END) AS duplicated
     FROM run_keys k LEFT JOIN table_keys t ON ${join}`,
  );
  const [expected, present, duplicates] = (result.rows[0] ?? []).map(num);
  return {
    table: table.name,
    expected: expected ?? 0,
    present: present ?? 0,
    missing: (expected ?? 0) - (present ?? 0),
    duplicates: duplicates ?? 0,
  };
}

function num(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}
