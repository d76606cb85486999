import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POISON_KINDS, type PoisonKind, poisonValue } from '../../../src/local/faults/poison-producer.js';
import type { EventProducer } from '../../../src/ports/event-bus.js';
import { expectNothingLost } from './helpers/expect-reconciled.js';
import {
  compactAndReconcile,
  createFaultWorld,
  type FaultWorld,
  runWithFaults,
} from './helpers/fault-pipeline.js';
import { queryRows } from './helpers/query-rows.js';

interface DeadLetter {
  reason: string;
  partition: number;
  offset: number;
}

const EXPECTED_REASON: Record<PoisonKind, string> = {
  huge: 'too_large',
  binary: 'not_utf8',
  invalid_utf8: 'not_utf8',
  deep_json: 'invalid_listing',
};

/** Spoils every 15th record with the next kind of poison (key kept, so it lands among good records); notes where each landed. */
function poisonEvery15th(landed: Map<string, PoisonKind>) {
  return (producer: EventProducer): EventProducer => {
    let n = 0;
    return {
      ensureTopic: (spec) => producer.ensureTopic(spec),
      close: () => producer.close(),
      async produce(topic, records) {
        const kinds: (PoisonKind | undefined)[] = [];
        const spoiled = records.map((record) => {
          n += 1;
          const kind = n % 15 === 0 ? POISON_KINDS[(n / 15 - 1) % POISON_KINDS.length] : undefined;
          kinds.push(kind);
          return kind === undefined ? record : { ...record, value: poisonValue(kind) };
        });
        const placed = await producer.produce(topic, spoiled);
        placed.forEach((p, i) => {
          const kind = kinds[i];
          if (kind !== undefined) landed.set(`${p.partition}/${p.offset}`, kind);
        });
        return placed;
      },
    };
  };
}

describe('poison records', { timeout: 120_000 }, () => {
  let world: FaultWorld;
  beforeEach(async () => {
    world = await createFaultWorld();
  });
  afterEach(async () => {
    await world.cleanup();
  });

  it('dead-letters huge, binary, invalid UTF-8 and 10k-deep JSON records with reasons, and each partition keeps flowing', async () => {
    const landed = new Map<string, PoisonKind>();
    const run = await runWithFaults(world.config, { wrapProducer: poisonEvery15th(landed) });

    const report = await compactAndReconcile(world.config, run.runId);

    const letters = await queryRows<DeadLetter>(
      world.config,
      `SELECT reason, partition, "offset" FROM read_json_auto('${world.dir}/realty-data/dead-letter/listings/**/*.jsonl', format = 'newline_delimited', maximum_object_size = 16777216)`,
    );
    const reasons = new Map(letters.map((l) => [`${l.partition}/${l.offset}`, l.reason]));
    expect(new Set(landed.values())).toEqual(new Set(POISON_KINDS));
    for (const [at, kind] of landed) expect(reasons.get(at), `${kind} at ${at}`).toBe(EXPECTED_REASON[kind]);
    const lastWritten = await queryRows<{ partition: number; last: number }>(
      world.config,
      'SELECT kafka_partition AS partition, max(kafka_offset) AS last FROM listings_raw GROUP BY 1',
    );
    const last = new Map(lastWritten.map((r) => [Number(r.partition), Number(r.last)]));
    for (const letter of letters) {
      expect(
        last.get(letter.partition),
        `partition ${letter.partition} after offset ${letter.offset}`,
      ).toBeGreaterThan(letter.offset);
    }
    expect(report.invalid).toBeGreaterThanOrEqual(letters.length);
    expectNothingLost(report);
  });
});
