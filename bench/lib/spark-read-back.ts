import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { hiveTypeOf } from '../../src/adapters/catalog/hive-storage.js';
import type { ColumnSpec } from '../../src/domain/listing-record.js';
import { REPO_ROOT } from './provisioned.js';
import type { ReadBack } from './read-back.js';

const run = promisify(execFile);

// One local Spark session reads every file and prints, per file, its schema and row count as JSON. The session
// settings are those ENVIRONMENT.md records for Spark 3.5 on this machine.
const SCRIPT = `
import json, sys
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[1]").appName("realty-bench-read-back")
         .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
for path in sys.argv[1:]:
    frame = spark.read.parquet(path)
    fields = [[f.name, f.dataType.simpleString()] for f in frame.schema.fields]
    print(json.dumps({"file": path, "fields": fields, "rows": frame.count()}), flush=True)
spark.stop()
`;

interface SparkFile {
  file: string;
  fields: [string, string][];
  rows: number;
}

/** Reads each file back with local PySpark (.cache/venv): the agreed Spark type per column, and the row count. */
export async function sparkReadBack(
  workDir: string,
  files: readonly string[],
  columns: readonly ColumnSpec<string>[],
  rows: number,
): Promise<Map<string, ReadBack>> {
  const script = path.join(workDir, 'spark-read-back.py');
  await writeFile(script, SCRIPT);
  const python = path.join(REPO_ROOT, '.cache', 'venv', 'bin', 'python');
  const { stdout } = await run(python, [script, ...files], {
    env: {
      ...process.env,
      JAVA_HOME: '/usr/lib/jvm/java-17-openjdk-amd64',
      SPARK_LOCAL_IP: '127.0.0.1',
      PYSPARK_PYTHON: python,
    },
    timeout: 300_000,
    maxBuffer: 16 << 20,
  });
  const read = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as SparkFile);
  return new Map(
    files.map((file) => [
      file,
      judge(
        read.find((r) => r.file === file),
        columns,
        rows,
      ),
    ]),
  );
}

function judge(read: SparkFile | undefined, columns: readonly ColumnSpec<string>[], rows: number): ReadBack {
  if (read === undefined) return { ok: false, problem: 'Spark printed nothing for the file' };
  const types = new Map(read.fields);
  for (const { name, type } of columns) {
    // Spark SQL names types as Hive does (int, bigint, timestamp...), the names the Glue catalog stores.
    if (types.get(name) !== hiveTypeOf(type)) {
      return {
        ok: false,
        problem: `Spark reads ${name} as ${types.get(name) ?? 'nothing'}, not ${hiveTypeOf(type)}`,
      };
    }
  }
  if (read.rows !== rows) return { ok: false, problem: `Spark counts ${read.rows} rows, not ${rows}` };
  return { ok: true };
}
