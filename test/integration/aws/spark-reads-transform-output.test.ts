import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiveTypeOf } from '../../../src/adapters/catalog/hive-storage.js';
import { openLocalCatalog } from '../../../src/adapters/catalog/local-file.js';
import {
  ENCODER_NAMES,
  type EncoderName,
  encoderByName,
} from '../../../src/adapters/parquet/encoder-by-name.js';
import { LISTING_COLUMNS, type ListingRecord, RAW_COLUMNS } from '../../../src/domain/listing-record.js';
import { ensureRawTable } from '../../../src/pipeline/raw-table.js';
import { transformBatch } from '../../../src/pipeline/transform-batch.js';
import { repoRoot } from '../../helpers/fixtures.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';
import { loadSampleEvent } from '../../helpers/local-warehouse.js';

const run = promisify(execFile);

// The canonical records we made for the Parquet goldens: nulls, extreme ints and doubles, pre-1970 and
// year-9999 instants, unicode beyond the BMP.
const records = JSON.parse(
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'parquet', 'listing-records.json'), 'utf8'),
) as ListingRecord[];
// Predicates Spark pushes down to the row groups' min/max: a wrong bound skips a row group and shows here.
const FILTERS: { sql: string; keeps: (r: ListingRecord) => boolean }[] = [
  { sql: 'list_price >= 1000000', keeps: (r) => r.list_price !== null && r.list_price >= 1_000_000 },
  { sql: 'list_price < 0', keeps: (r) => r.list_price !== null && r.list_price < 0 },
  { sql: "event_id = 'unicode-🏠'", keeps: (r) => r.event_id === 'unicode-🏠' },
  {
    sql: "observed_at < timestamp '1970-01-01 00:00:00'",
    keeps: (r) => r.observed_at !== null && r.observed_at < 0,
  },
  { sql: "last_sold_date >= date '9000-01-01'", keeps: (r) => (r.last_sold_date ?? '') >= '9000-01-01' },
  { sql: 'baths > 1e300', keeps: (r) => r.baths !== null && r.baths > 1e300 },
  { sql: 'is_pending IS NULL', keeps: (r) => r.is_pending === null },
];
// Two rows a row group: the five records span three row groups.
const ROW_GROUP_ROWS = 2;

interface SparkJob {
  id: string;
  fields: { name: string; type: string }[];
  count: number;
  counts: number[];
  rows?: Record<string, unknown>[];
}

let dir: string;
const seen = new Map<string, SparkJob>();
const written = new Map<EncoderName, number>();

/** Writes, per encoder, the transform's output of the sample MSK event and the golden records in one file. */
async function writeFiles(name: EncoderName) {
  const store = new InMemoryObjectStore();
  const catalog = openLocalCatalog({ path: path.join(dir, `catalog-${name}.json`) });
  await ensureRawTable(catalog, 'realty');
  const outcome = await transformBatch(loadSampleEvent('msk-listings.json'), {
    store,
    catalog,
    encoder: encoderByName(name),
    clock: () => Date.UTC(2026, 10, 20),
    database: 'realty',
  });
  written.set(name, outcome.written);
  const transformed: string[] = [];
  for (const [i, key] of outcome.objects.entries()) {
    const file = path.join(dir, `${name}-part-${i}.parquet`);
    await writeFile(file, (await store.get(key))!);
    transformed.push(file);
  }
  const golden = path.join(dir, `${name}-golden.parquet`);
  await writeFile(
    golden,
    await encoderByName(name, { rowGroupRows: ROW_GROUP_ROWS }).encode(records, LISTING_COLUMNS),
  );
  return [
    { id: `${name}:transform`, files: transformed },
    { id: `${name}:golden`, files: [golden], rows: true, filters: FILTERS.map((f) => f.sql) },
  ];
}

beforeAll(async () => {
  const venv = (
    await run('bash', [path.join(repoRoot, 'scripts', 'python-env.sh')], { cwd: repoRoot, timeout: 900_000 })
  ).stdout.trim();
  const python = path.join(venv, 'bin', 'python');
  dir = await mkdtemp(path.join(tmpdir(), 'realty-spark-'));
  const jobs = [];
  for (const name of ENCODER_NAMES) jobs.push(...(await writeFiles(name)));
  const java17 = '/usr/lib/jvm/java-17-openjdk-amd64';
  const env = {
    ...process.env,
    SPARK_LOCAL_IP: '127.0.0.1',
    ...(existsSync(java17) ? { JAVA_HOME: java17 } : {}),
  };

  // One Spark session reads every encoder's files: one JVM start instead of one per file.
  const { stdout } = await run(
    python,
    [path.join(import.meta.dirname, 'spark_parquet_rows.py'), JSON.stringify(jobs)],
    { env, timeout: 240_000, maxBuffer: 16 << 20 },
  );

  for (const line of stdout.split('\n').filter((l) => l.startsWith('{'))) {
    const job = JSON.parse(line) as SparkJob;
    seen.set(job.id, job);
  }
}, 900_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What Spark must read back for a record: every file column, timestamps as epoch ms, dates as yyyy-MM-dd. */
function expectedRow(record: ListingRecord): Record<string, unknown> {
  return Object.fromEntries(LISTING_COLUMNS.map(({ name }) => [name, record[name]]));
}

const byEventId = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a['event_id']).localeCompare(String(b['event_id']));

describe.each(ENCODER_NAMES)('the %s encoder as Spark (Glue 5) reads it', (name) => {
  it('sees the Glue table type of every listings_raw column in the transform output, and every row', () => {
    const job = seen.get(`${name}:transform`);

    expect(job?.count).toBe(written.get(name));
    expect(job?.fields).toEqual(RAW_COLUMNS.map((c) => ({ name: c.name, type: hiveTypeOf(c.type) })));
  });

  it('reads back the golden records across row groups: nulls, extreme ints and doubles, instants, dates, unicode', () => {
    const job = seen.get(`${name}:golden`);

    expect(job?.fields).toEqual(LISTING_COLUMNS.map((c) => ({ name: c.name, type: hiveTypeOf(c.type) })));
    expect(job?.rows?.toSorted(byEventId)).toEqual(records.map(expectedRow).toSorted(byEventId));
  });

  it('gives each row group statistics that Spark prunes by without losing a row', () => {
    const job = seen.get(`${name}:golden`);

    expect(job?.counts).toEqual(FILTERS.map((f) => records.filter(f.keeps).length));
  });
});
