import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiveTypeOf } from '../../../src/adapters/catalog/hive-storage.js';
import { openLocalCatalog } from '../../../src/adapters/catalog/local-file.js';
import { encoderByName } from '../../../src/adapters/parquet/encoder-by-name.js';
import { RAW_COLUMNS } from '../../../src/domain/listing-record.js';
import { ensureRawTable } from '../../../src/pipeline/raw-table.js';
import { transformBatch } from '../../../src/pipeline/transform-batch.js';
import { repoRoot } from '../../helpers/fixtures.js';
import { InMemoryObjectStore } from '../../helpers/in-memory-object-store.js';
import { loadSampleEvent } from '../../helpers/local-warehouse.js';

const run = promisify(execFile);
let dir: string;
let python: string;

beforeAll(async () => {
  const venv = (
    await run('bash', [path.join(repoRoot, 'scripts', 'python-env.sh')], { cwd: repoRoot, timeout: 900_000 })
  ).stdout.trim();
  python = path.join(venv, 'bin', 'python');
  dir = await mkdtemp(path.join(tmpdir(), 'realty-spark-'));
}, 900_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the transform output as Spark (Glue 5) reads it', () => {
  it('sees the Glue table type of every listings_raw column, and every row', async () => {
    const store = new InMemoryObjectStore();
    const catalog = openLocalCatalog({ path: path.join(dir, 'catalog.json') });
    await ensureRawTable(catalog, 'realty');
    const outcome = await transformBatch(loadSampleEvent('msk-listings.json'), {
      store,
      catalog,
      encoder: encoderByName('hyparquet'),
      clock: () => Date.UTC(2026, 10, 20),
      database: 'realty',
    });
    const files: string[] = [];
    for (const [i, key] of outcome.objects.entries()) {
      const file = path.join(dir, `part-${i}.parquet`);
      await writeFile(file, (await store.get(key))!);
      files.push(file);
    }
    const java17 = '/usr/lib/jvm/java-17-openjdk-amd64';
    const env = {
      ...process.env,
      SPARK_LOCAL_IP: '127.0.0.1',
      ...(existsSync(java17) ? { JAVA_HOME: java17 } : {}),
    };

    const { stdout } = await run(
      python,
      [path.join(import.meta.dirname, 'spark_parquet_schema.py'), ...files],
      { env, timeout: 240_000 },
    );

    const seen = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      fields: { name: string; type: string }[];
      rows: number;
    };
    expect(seen.rows).toBe(outcome.written);
    expect(seen.fields).toEqual(RAW_COLUMNS.map((c) => ({ name: c.name, type: hiveTypeOf(c.type) })));
  }, 300_000);
});
