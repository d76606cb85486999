import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { checkDataDir } from '../../../src/runtime/data-dir.js';

const LOCAL = { store: 'local', catalog: 'local', bus: 'embedded' } as const;
const isRoot = process.getuid?.() === 0;

describe('checkDataDir', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'realty-data-dir-'));
  });
  afterEach(async () => {
    await chmod(dir, 0o700);
    await rm(dir, { recursive: true, force: true });
  });

  it('names a data dir that is a file, for reading and writing commands alike', async () => {
    const file = path.join(dir, 'not-a-dir');
    await writeFile(file, 'x');

    for (const use of ['read', 'write'] as const) {
      await expect(checkDataDir({ ...LOCAL, dataDir: file }, use)).rejects.toThrow(
        new UsageError(
          `the data dir ${file} is a file, not a directory; give a directory with --data-dir or REALTY_DATA_DIR`,
        ),
      );
    }
  });

  it('names a data dir below a file', async () => {
    const file = path.join(dir, 'file');
    await writeFile(file, 'x');

    await expect(checkDataDir({ ...LOCAL, dataDir: path.join(file, 'sub') }, 'write')).rejects.toThrow(
      /cannot be created: a part of its path is a file/,
    );
  });

  it('names a data dir whose parent cannot take it (EPERM under /sys, even for root)', async () => {
    await expect(checkDataDir({ ...LOCAL, dataDir: '/sys/realty-data-dir-test' }, 'write')).rejects.toThrow(
      /the data dir \/sys\/realty-data-dir-test cannot be created \(EPERM\): its parent is not writable/,
    );
  });

  it.skipIf(isRoot)('names a data dir this user cannot write to', async () => {
    await chmod(dir, 0o500);

    await expect(checkDataDir({ ...LOCAL, dataDir: dir }, 'write')).rejects.toThrow(
      /is not writable by this user/,
    );
  });

  it('creates a missing data dir for a writing command and leaves it alone for a reading one', async () => {
    const fresh = path.join(dir, 'a', 'b');

    await checkDataDir({ ...LOCAL, dataDir: fresh }, 'read');
    await expect(stat(fresh)).rejects.toThrow(/ENOENT/);
    await checkDataDir({ ...LOCAL, dataDir: fresh }, 'write');
    expect((await stat(fresh)).isDirectory()).toBe(true);
  });

  it('does not look at the data dir when nothing lives there (S3, Glue, Kafka)', async () => {
    const file = path.join(dir, 'file');
    await writeFile(file, 'x');

    await expect(
      checkDataDir({ store: 's3', catalog: 'glue', bus: 'kafka', dataDir: file }, 'write'),
    ).resolves.toBeUndefined();
  });
});
