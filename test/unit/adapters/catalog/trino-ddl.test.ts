import { describe, expect, it } from 'vitest';
import {
  checkedLocationRoot,
  createTableSql,
  createViewSql,
  hivePartitionPrefix,
  listPartitionsSql,
  registerPartitionSql,
} from '../../../../src/adapters/catalog/trino-ddl.js';
import {
  describedShape,
  sameShape,
  wantedShape,
} from '../../../../src/adapters/catalog/trino-table-shape.js';
import { CatalogError } from '../../../../src/errors.js';
import { rawTableDefinition } from '../../../../src/pipeline/raw-table.js';
import type { TableDefinition } from '../../../../src/ports/catalog.js';

const raw = rawTableDefinition('realty');

function small(overrides: Partial<TableDefinition> = {}): TableDefinition {
  return {
    database: 'realty',
    name: 'listings_raw',
    columns: [
      { name: 'event_id', type: 'string', comment: "the listing's id" },
      { name: 'observed_at', type: 'timestamp' },
    ],
    partitionKeys: [
      { name: 'dt', type: 'string' },
      { name: 'state', type: 'string' },
    ],
    location: 'raw/listings/',
    format: 'parquet',
    ...overrides,
  };
}

describe('Trino DDL of the catalog tables', () => {
  it('creates an external Parquet table with the partition keys last and microsecond timestamps', () => {
    const sql = createTableSql('hive', small({ description: "Bob's table" }), 'local:///');

    expect(sql).toBe(
      [
        'CREATE TABLE IF NOT EXISTS "hive"."realty"."listings_raw" (',
        `  "event_id" varchar COMMENT 'the listing''s id',`,
        '  "observed_at" timestamp(6),',
        '  "dt" varchar,',
        '  "state" varchar',
        ')',
        "COMMENT 'Bob''s table'",
        "WITH (external_location = 'local:///raw/listings/', format = 'PARQUET', partitioned_by = ARRAY['dt', 'state'])",
      ].join('\n'),
    );
  });

  it('maps every column type of listings_raw to a Trino type', () => {
    const sql = createTableSql('hive', raw, 's3://realty-data/');

    for (const type of ['varchar', 'bigint', 'integer', 'double', 'boolean', 'timestamp(6)', 'date']) {
      expect(sql).toContain(` ${type}`);
    }
    expect(sql).toContain("external_location = 's3://realty-data/raw/listings/'");
  });

  it('refuses names and locations that could change the statement', () => {
    expect(() => createTableSql('hive', small({ name: 'x"; DROP' }), 'local:///')).toThrow(CatalogError);
    expect(() => createTableSql('hive', small({ database: 'Realty' }), 'local:///')).toThrow(
      /database name "Realty"/,
    );
    for (const location of ["raw/x'y/", 'raw/../etc/', '/abs/', 'raw/listings']) {
      expect(() => createTableSql('hive', small({ location }), 'local:///')).toThrow(CatalogError);
    }
    for (const root of ["local:///'", 'local://', 's3://bucket']) {
      expect(() => checkedLocationRoot(root)).toThrow(CatalogError);
    }
    expect(checkedLocationRoot('s3://realty-data/')).toBe('s3://realty-data/');
  });

  it('registers a partition with its values as string literals at its own location', () => {
    const partition = { values: ['2026-11-20', "O'H"], location: 'raw/listings/dt=2026-11-20/state=OH/' };

    const sql = registerPartitionSql('hive', small(), partition, 'local:///');

    expect(sql).toBe(
      "CALL \"hive\".system.register_partition(schema_name => 'realty', table_name => 'listings_raw', partition_columns => ARRAY['dt', 'state'], partition_values => ARRAY['2026-11-20', 'O''H'], location => 'local:///raw/listings/dt=2026-11-20/state=OH/')",
    );
  });

  it('refuses a partition with fewer values than partition keys', () => {
    const partition = { values: ['2026-11-20'], location: 'raw/listings/dt=2026-11-20/' };

    expect(() => registerPartitionSql('hive', small(), partition, 'local:///')).toThrow(
      /1 values for 2 partition keys/,
    );
  });

  it('lists partitions from the hidden $partitions table as text', () => {
    expect(listPartitionsSql('hive', small())).toBe(
      'SELECT CAST("dt" AS varchar), CAST("state" AS varchar) FROM "hive"."realty"."listings_raw$partitions"',
    );
  });

  it('knows the Hive path of a partition', () => {
    expect(hivePartitionPrefix(small(), ['2026-11-20', 'CA'])).toBe('raw/listings/dt=2026-11-20/state=CA/');
  });

  it('creates a view from SQL text, without a trailing semicolon', () => {
    const view = { database: 'realty', name: 'market_summary', sql: 'SELECT 1 AS x;\n' };

    expect(createViewSql('hive', view)).toBe(
      'CREATE OR REPLACE VIEW "hive"."realty"."market_summary" AS\nSELECT 1 AS x',
    );
  });
});

describe('the shape of a Trino table', () => {
  const showCreate =
    "CREATE TABLE hive.realty.listings_raw (...)\nWITH (\n   external_location = 'local:///raw/listings/',\n   format = 'PARQUET'\n)";
  const describeRows = [
    ['event_id', 'varchar', '', "the listing's id"],
    ['observed_at', 'timestamp(6)', '', null],
    ['dt', 'varchar', 'partition key', null],
    ['state', 'varchar', 'partition key', null],
  ];

  it('matches the definition it was created from', () => {
    const described = describedShape('t', describeRows, showCreate);

    expect(sameShape(described, wantedShape(small(), 'local:///'))).toBe(true);
  });

  it('differs when a column, a type, a partition key or the location changed', () => {
    const described = describedShape('t', describeRows, showCreate);
    const changes: TableDefinition[] = [
      small({ columns: [...small().columns, { name: 'hoa_fee', type: 'int64' }] }),
      small({
        columns: [{ name: 'event_id', type: 'int64', comment: "the listing's id" }, small().columns[1]!],
      }),
      small({ partitionKeys: [{ name: 'dt', type: 'string' }] }),
      small({ location: 'raw/listings_v2/' }),
    ];

    for (const changed of changes)
      expect(sameShape(described, wantedShape(changed, 'local:///'))).toBe(false);
  });

  it('refuses a managed table that has no external location', () => {
    expect(() => describedShape('hive.realty.t', describeRows, 'CREATE TABLE t (x bigint)')).toThrow(
      /not an external table/,
    );
  });
});
