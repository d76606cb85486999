import { describe, expect, it } from 'vitest';
import {
  buildCompactionManifest,
  type CompactionManifest,
  manifestKey,
  parseCompactionManifest,
  serializeCompactionManifest,
  summarizeCompaction,
} from '../../../src/compaction/compaction-manifest.js';
import { CompactionError, InputError } from '../../../src/errors.js';

function manifestFields(): Omit<CompactionManifest, 'version'> {
  return {
    runId: 'jr_0123abcd',
    engine: 'spark',
    database: 'realty',
    startedAt: '2026-11-20T10:15:00.000Z',
    finishedAt: '2026-11-20T10:16:30.250Z',
    watermarkMs: 1_795_169_400_000,
    targetFileBytes: 134_217_728,
    rowsPerFile: 500_000,
    scope: [{ state: 'CA', fromDt: '2026-11-19' }],
    input: { partitions: 2, files: 40, bytes: 400_000, rows: 1_000, observations: 900 },
    tables: [
      {
        name: 'listings_history',
        location: 'curated/listings_history/',
        partitionKeys: ['dt', 'state'],
        partitions: [
          {
            values: ['2026-11-20', 'CA'],
            location: 'curated/listings_history/dt=2026-11-20/state=CA/',
            files: 1,
            bytes: 9_000,
            rows: 450,
          },
          {
            values: ['2026-11-19', 'CA'],
            location: 'curated/listings_history/dt=2026-11-19/state=CA/',
            files: 1,
            bytes: 8_000,
            rows: 400,
          },
        ],
      },
      {
        name: 'listings_current',
        location: 'curated/listings_current/',
        partitionKeys: ['state'],
        partitions: [
          {
            values: ['CA'],
            location: 'curated/listings_current/state=CA/',
            files: 1,
            bytes: 10_000,
            rows: 500,
          },
        ],
      },
    ],
  };
}

describe('compaction manifest', () => {
  it('lists partitions in value order, so two runs over the same data write the same manifest', () => {
    // act
    const manifest = buildCompactionManifest(manifestFields());

    // assess
    expect(manifest.version).toBe(1);
    expect(manifest.tables[0]?.partitions.map((p) => p.values)).toEqual([
      ['2026-11-19', 'CA'],
      ['2026-11-20', 'CA'],
    ]);
  });

  it('reads back exactly what it writes', () => {
    // prepare
    const manifest = buildCompactionManifest(manifestFields());

    // act
    const parsed = parseCompactionManifest(serializeCompactionManifest(manifest), 'the test manifest');

    // assess
    expect(parsed).toEqual(manifest);
  });

  it('names the field that is wrong when a manifest is not one', () => {
    // prepare
    const text = JSON.stringify({ ...buildCompactionManifest(manifestFields()), engine: 'hive' });

    // act
    const act = () => parseCompactionManifest(text, 's3://bucket/curated/_manifests/runs/x.json');

    // assess
    expect(act).toThrow(CompactionError);
    expect(act).toThrow(
      /s3:\/\/bucket\/curated\/_manifests\/runs\/x\.json is not a compaction manifest: engine/,
    );
  });

  it('rejects unknown fields and text that is not JSON', () => {
    const extra = JSON.stringify({ ...buildCompactionManifest(manifestFields()), extra: true });
    expect(() => parseCompactionManifest(extra, 'm')).toThrow(/is not a compaction manifest/);
    expect(() => parseCompactionManifest('{"version":', 'm')).toThrow(/m is not JSON/);
  });

  it('keys a run manifest by its run id and refuses ids that could leave the folder or hide the file', () => {
    expect(manifestKey('jr_0123abcd')).toBe('curated/_manifests/runs/jr_0123abcd.json');
    expect(() => manifestKey('../latest')).toThrow(InputError);
    expect(() => manifestKey('_hidden')).toThrow(/cannot name a manifest/);
  });

  it('sums up the files before and after and the raw rows that were copies', () => {
    // act
    const summary = summarizeCompaction(buildCompactionManifest(manifestFields()));

    // assess
    expect(summary).toEqual({
      rawFiles: 40,
      rawBytes: 400_000,
      rawRows: 1_000,
      rowsDeduped: 100,
      tables: [
        { name: 'listings_history', partitions: 2, files: 2, bytes: 17_000, rows: 850 },
        { name: 'listings_current', partitions: 1, files: 1, bytes: 10_000, rows: 500 },
      ],
    });
  });
});
