import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parquetViewSql } from '../../../../src/adapters/compactor/duckdb-relations.js';
import { openSqlSession } from '../../../../src/adapters/compactor/duckdb-session.js';
import { stageStreamedTable } from '../../../../src/adapters/compactor/streamed-table.js';
import { currentTableDefinition } from '../../../../src/pipeline/curated-tables.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('stageStreamedTable', () => {
  it('stages no partition when the statement gives no row', async () => {
    // prepare: a listings_current statement over no files, as when a scope's rows are all filtered out
    const dir = await mkdtemp(path.join(tmpdir(), 'realty-streamed-'));
    dirs.push(dir);
    const table = currentTableDefinition('realty');
    const session = await openSqlSession({
      spillDir: path.join(dir, 'spill'),
      threads: 1,
      memoryLimit: '256MB',
    });
    try {
      await session.run(parquetViewSql('nothing', [], table.columns, table.partitionKeys), 'defining');

      // act
      const staged = await stageStreamedTable(session, {
        table,
        relation: 'listings_current_new',
        statement: 'SELECT * FROM nothing',
        boundedBy: ['nothing'],
        rowsPerFile: 1_000,
        partitionsPerCopy: 64,
        dir: path.join(dir, 'current'),
      });

      // assess
      expect(staged.partitions).toEqual([]);
      expect([...staged.rows]).toEqual([]);
    } finally {
      session.close();
    }
  });
});
