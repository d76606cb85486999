import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerReconcile, selectionOf } from '../../../src/cli/commands/reconcile.js';
import { UsageError } from '../../../src/errors.js';
import { rangesOfOffsets } from '../../../src/msk/offset-ranges.js';
import { transformBatch } from '../../../src/pipeline/transform-batch.js';
import { createTransformDeps, loadSampleEvent } from '../../helpers/local-warehouse.js';

type World = Awaited<ReturnType<typeof createTransformDeps>>;

/** Runs `realty reconcile ...args` in this process and returns what it printed and the exit code it set. */
async function reconcileCommand(args: string[]): Promise<{ out: string; exitCode: number }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(((
    chunk: string,
    callback?: () => void,
  ) => {
    out += chunk;
    callback?.();
    return true;
  }) as typeof process.stdout.write);
  const before = process.exitCode;
  try {
    const program = new Command('realty').exitOverride();
    registerReconcile(program);
    await program.parseAsync(['reconcile', ...args], { from: 'user' });
    return { out, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    write.mockRestore();
    process.exitCode = before;
  }
}

describe('realty reconcile', () => {
  let world: World;
  let objects: string[];
  beforeEach(async () => {
    world = await createTransformDeps();
    const event = loadSampleEvent('msk-with-bad-records.json');
    const records = Object.values(event.records).flat();
    const producedOffsets = Object.values(event.records).map((group) => ({
      topic: group[0]!.topic,
      partition: group[0]!.partition,
      ranges: rangesOfOffsets(group.map((r) => r.offset)),
    }));
    const log = {
      runId: 'sample',
      startedAt: Date.parse('2026-11-20T00:00:00Z'),
      finishedAt: Date.parse('2026-11-20T00:01:00Z'),
      fetched: records.length,
      produced: records.length,
      failedAreas: [],
      producedOffsets,
    };
    await world.store.put('runs/ingest/sample.json', new TextEncoder().encode(JSON.stringify(log)));
    objects = (await transformBatch(event, world)).objects;
  });
  afterEach(async () => {
    await world.cleanup();
  });

  const flags = () => ['--data-dir', world.dir, '--bucket', 'bucket'];

  it('prints one JSON object with fetched, raw, deadLettered, curated, lost and duplicated', async () => {
    const { out, exitCode } = await reconcileCommand(['--run', 'sample', '--json', ...flags()]);

    const report = JSON.parse(out) as Record<string, unknown>;
    expect(report).toMatchObject({
      fetched: 7,
      raw: 4,
      deadLettered: 3,
      curated: null,
      lost: 0,
      duplicated: 0,
    });
    expect(exitCode).toBe(0);
  });

  it('reconciles the latest run when none is named, and says so in words', async () => {
    const { out } = await reconcileCommand(flags());

    expect(out).toContain('Reconciliation of run sample: OK');
    expect(out).toContain(
      'fetched 7 = raw 4 + dead-lettered 3 (3 invalid, 0 on-failure) + pending 0 + lost 0',
    );
  });

  it('names a lost record by topic, partition and offset, and exits 1', async () => {
    await world.store.delete([objects[0]!]);

    const { out, exitCode } = await reconcileCommand(['--run', 'sample', ...flags()]);

    expect(out).toMatch(/LOST realty\.listings\.v1-\d+ offsets \d+(-\d+)? \(\d+ records committed past/);
    expect(exitCode).toBe(1);
  });

  it('takes --run, or --from with --to, or neither', () => {
    expect(selectionOf({ run: 'abc' })).toEqual({ runId: 'abc' });
    expect(selectionOf({ from: '2026-11-20', to: '2026-11-21' })).toEqual({
      from: '2026-11-20',
      to: '2026-11-21',
    });
    expect(selectionOf({})).toEqual({ latest: true });
    expect(() => selectionOf({ run: 'abc', from: '2026-11-20' })).toThrow(UsageError);
    expect(() => selectionOf({ from: '2026-11-20' })).toThrow(/--from and --to go together/);
  });
});
