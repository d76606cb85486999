import path from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { createLocalDirStore } from '../../../src/adapters/object-store/local-dir.js';
import { parseFaultSpec } from '../../../src/local/faults/fault-spec.js';
import type { ObjectStore } from '../../../src/ports/object-store.js';
import { storeFor } from '../../../src/runtime/assemble.js';
import { localPaths } from '../../../src/runtime/local.js';
import { BIG_BYTES, bigBody } from './helpers/big-body.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import { compactAndReconcile, runWithFaults } from './helpers/fault-pipeline.js';
import { useFaultWorld } from './helpers/fault-test-world.js';

/** Lists raw/ over and over while `running()`, parsing every Parquet footer it sees; returns what it saw. */
async function watchRaw(store: ObjectStore, running: () => boolean) {
  const seen = { objects: new Set<string>(), unreadable: [] as string[], rounds: 0 };
  while (running()) {
    seen.rounds += 1;
    for await (const object of store.list('raw/listings/')) {
      const body = await store.get(object.key);
      if (body === undefined) continue; // replaced or deleted between list and get
      seen.objects.add(object.key);
      try {
        parquetMetadata(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
      } catch (error) {
        seen.unreadable.push(`${object.key}: ${String(error)}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return seen;
}

describe('store write failures and slow writes', { timeout: 120_000 }, () => {
  const t = useFaultWorld();

  it('retries failed and slow writes, and no reader ever sees part of an object; nothing lost', async () => {
    let running = true;
    const watching = watchRaw(storeFor(t.world.config), () => running);

    const run = await runWithFaults(t.world.config, {
      spec: parseFaultSpec('store-fail=0.2,store-slow=0.3,store-slow-ms=30'),
    }).finally(() => {
      running = false;
    });
    const seen = await watching;
    const report = await compactAndReconcile(t.world.config, run.runId);

    expect(run.faults.store!.failedBefore).toBeGreaterThan(0);
    expect(run.faults.store!.failedAfter).toBeGreaterThan(0);
    expect(run.esm!.retries).toBeGreaterThan(0);
    expect(seen.objects.size).toBeGreaterThan(0);
    expect(seen.unreadable).toEqual([]);
    expectNothingLost(report);
  });

  it('leaves only whole objects behind when the writing process is SIGKILLed mid-write', async () => {
    const bucket = localPaths(t.world.config).bucket;
    const child = t.start('test/integration/faults/helpers/big-writer-child.ts', [bucket]);
    const killAfter = 3 + Math.floor(Math.random() * 6);
    await child.until((lines) => lines.filter((l) => l.startsWith('wrote ')).length >= killAfter);
    await child.kill();

    const store = createLocalDirStore({ root: bucket });
    const listed: string[] = [];
    for await (const object of store.list('')) {
      listed.push(object.key);
      const body = await store.get(object.key);
      expect(object.size, object.key).toBe(BIG_BYTES);
      expect(Buffer.from(body!).equals(Buffer.from(bigBody(object.key))), object.key).toBe(true);
    }
    await store.put('raw/after.bin', new Uint8Array([1, 2, 3]));

    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((key) => !path.basename(key).startsWith('.realty-tmp-'))).toBe(true);
    expect(await store.get('raw/after.bin')).toEqual(new Uint8Array([1, 2, 3]));
  });
});
