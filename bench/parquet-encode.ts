/**
 * Parquet encoders side by side on the same sandbox records (one file of `transformRecords` rows): the flat
 * writer, hyparquet-writer, parquetjs-lite (the user-named peer, the baseline) and DuckDB's COPY. Records per
 * CPU-second, bytes written, and whether DuckDB (and Spark, when provisioned) read each file back right.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type EncoderName, encoderByName } from '../src/adapters/parquet/encoder-by-name.js';
import { DUCKDB_TYPE } from '../src/adapters/query/duckdb-views.js';
import { RAW_COLUMNS, type RawListingRow } from '../src/domain/listing-record.js';
import { classifyRecord } from '../src/pipeline/classify-record.js';
import { sharedCorpus } from './lib/corpus.js';
import { type BenchDuckDb, openBenchDuckDb, sqlString } from './lib/duckdb.js';
import { type BenchOptions, type Figure, figure, round } from './lib/figure.js';
import { duckDbReadBack, type ReadBack } from './lib/read-back.js';
import { sparkReadBack } from './lib/spark-read-back.js';
import { interleave, perSecond } from './lib/timing.js';
import { DEFAULT_ENCODER } from './transform.js';

const PEER = 'parquetjs-lite';
const WRITERS = ['flat', 'hyparquet', 'parquetjs-lite', 'duckdb-copy'] as const;
type Writer = (typeof WRITERS)[number];

/** Encodes the same rows with every writer, interleaved, then reads each file back. */
export async function run(options: BenchOptions): Promise<Figure[]> {
  const rows = await sandboxRows(options.sizes.transformRecords);
  const files = Object.fromEntries(
    WRITERS.map((w) => [w, path.join(options.workDir, `${w}.parquet`)]),
  ) as Record<Writer, string>;
  options.log(`parquet-encode: ${rows.length} rows, one file per writer`);
  const db = await openBenchDuckDb();
  try {
    await loadIntoDuckDb(db, rows, options.workDir);
    const timed = await interleave(writerTasks(rows, files, db), { rounds: 3, warmupRounds: 1 });
    const rate = (w: Writer) => perSecond(rows.length, timed[w].best.cpuMs);
    const bytes = Object.fromEntries(
      await Promise.all(WRITERS.map(async (w) => [w, (await stat(files[w])).size] as const)),
    ) as Record<Writer, number>;
    const checks = await readBacks(db, rows, files, options);
    return WRITERS.flatMap((w) => writerFigures(w, rate, bytes, checks));
  } finally {
    db.close();
  }
}

/** The valid rows the transform makes of the corpus, as it hands them to its encoder. */
async function sandboxRows(count: number): Promise<RawListingRow[]> {
  const corpus = await sharedCorpus(count);
  const rows: RawListingRow[] = [];
  for (const record of corpus.records) {
    const classified = classifyRecord({
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      timestampType: record.timestampType,
      value: Buffer.from(record.value ?? new Uint8Array()).toString('base64'),
      headers: record.headers.map(([name, bytes]) => ({ [name]: [...bytes] })),
    });
    if (classified.ok) rows.push(classified.record);
  }
  return rows;
}

function writerTasks(rows: readonly RawListingRow[], files: Record<Writer, string>, db: BenchDuckDb) {
  const encode = (name: EncoderName) => {
    const encoder = encoderByName(name);
    return async () => writeFile(files[name as Writer], await encoder.encode(rows, RAW_COLUMNS));
  };
  return {
    flat: encode('flat'),
    hyparquet: encode('hyparquet'),
    'parquetjs-lite': encode('parquetjs-lite'),
    // DuckDB's own writer, on the rows already in a DuckDB table (loading them is not counted).
    'duckdb-copy': () =>
      db.run(`COPY rows_table TO ${sqlString(files['duckdb-copy'])} (FORMAT parquet, COMPRESSION snappy)`),
  } satisfies Record<Writer, () => Promise<void>>;
}

/** Puts the rows in a DuckDB table with the catalog's column types, through newline-delimited JSON. */
async function loadIntoDuckDb(
  db: BenchDuckDb,
  rows: readonly RawListingRow[],
  workDir: string,
): Promise<void> {
  const file = path.join(workDir, 'rows.ndjson');
  await writeFile(file, rows.map((row) => JSON.stringify(row)).join('\n'));
  const jsonTypes = RAW_COLUMNS.map(
    ({ name, type }) =>
      `${sqlString(name)}: ${sqlString(type === 'timestamp' ? 'BIGINT' : type === 'date' ? 'VARCHAR' : DUCKDB_TYPE[type])}`,
  );
  const select = RAW_COLUMNS.map(({ name, type }) => {
    if (type === 'timestamp') return `CAST(epoch_ms("${name}") AS TIMESTAMPTZ) AS "${name}"`;
    return `CAST("${name}" AS ${DUCKDB_TYPE[type]}) AS "${name}"`;
  });
  await db.run(
    `CREATE TABLE rows_table AS SELECT ${select.join(', ')} FROM read_json(${sqlString(file)}, format = 'newline_delimited', columns = {${jsonTypes.join(', ')}})`,
  );
}

async function readBacks(
  db: BenchDuckDb,
  rows: readonly RawListingRow[],
  files: Record<Writer, string>,
  options: BenchOptions,
): Promise<Record<'duckdb' | 'spark', Map<Writer, ReadBack>>> {
  const expected = {
    rows: rows.length,
    distinctIds: new Set(rows.map((r) => r.event_id)).size,
    priceSum: rows.reduce((sum, r) => sum + (r.list_price ?? 0), 0),
  };
  const duckdb = new Map<Writer, ReadBack>();
  for (const w of WRITERS) duckdb.set(w, await duckDbReadBack(db, files[w], RAW_COLUMNS, expected));
  const spark = new Map<Writer, ReadBack>();
  if (options.services.spark) {
    const read = await sparkReadBack(options.workDir, Object.values(files), RAW_COLUMNS, rows.length);
    for (const w of WRITERS) spark.set(w, read.get(files[w]) ?? { ok: false, problem: 'not read' });
  } else
    options.log('  Spark read-back skipped: .cache/venv is not provisioned (bash scripts/python-env.sh)');
  for (const [engine, results] of Object.entries({ duckdb, spark })) {
    for (const [w, result] of results)
      if (!result.ok) options.log(`  ${engine} reads ${w} wrong: ${result.problem}`);
  }
  return { duckdb, spark };
}

function writerFigures(
  w: Writer,
  rate: (w: Writer) => number,
  bytes: Record<Writer, number>,
  checks: Record<'duckdb' | 'spark', Map<Writer, ReadBack>>,
): Figure[] {
  const speed = {
    value: round(rate(w), 0),
    unit: 'records/s (CPU)',
    baseline: PEER,
    baselineValue: round(rate(PEER), 0),
  };
  const figures: Figure[] = [];
  if (w === DEFAULT_ENCODER) figures.push(figure({ name: 'parquet-encode', ...speed }));
  figures.push(figure({ name: `parquet-encode[${w}]`, ...speed }));
  figures.push(
    figure(
      {
        name: `parquet-bytes[${w}]`,
        value: bytes[w],
        unit: 'bytes',
        baseline: PEER,
        baselineValue: bytes[PEER],
      },
      'lowerIsBetter',
    ),
  );
  for (const [engine, results] of Object.entries(checks)) {
    const result = results.get(w);
    if (result === undefined) continue;
    figures.push(
      figure({
        name: `parquet-readback-${engine}[${w}]`,
        value: result.ok ? 1 : 0,
        unit: 'right types and rows (1 = yes)',
        baseline: 'expected',
        baselineValue: 1,
      }),
    );
  }
  return figures;
}
