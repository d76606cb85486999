import type { EsmStats } from '../../src/local/esm-stats.js';
import {
  type EventSourceMappingOptions,
  runEventSourceMapping,
} from '../../src/local/event-source-mapping.js';
import { parseEsmSettings } from '../../src/msk/esm-settings.js';
import type { MskBatchResponse, MskEvent } from '../../src/msk/msk-event-types.js';
import { InMemoryEventLog } from './in-memory-event-log.js';
import { InMemoryObjectStore } from './in-memory-object-store.js';
import { ManualClock } from './manual-clock.js';

export const SOURCE = {
  eventSourceArn: 'arn:aws:kafka:us-east-1:123456789012:cluster/realty/abc-1',
  bootstrapServers: 'b-1.realty:9098',
};

/** One call of the handler as the test saw it. */
export interface SeenInvocation {
  atMs: number;
  event: MskEvent;
  /** `topic-partition-offset` of every record, in event order. */
  ids: string[];
}

// biome-ignore lint/suspicious/noConfusingVoidType: test handlers often return nothing
type Handler = (event: MskEvent, call: number) => Promise<MskBatchResponse | void> | MskBatchResponse | void;

/** A log, a clock, a bucket and a recording handler, wired to runEventSourceMapping. */
export function esmHarness(partitions = 1) {
  const clock = new ManualClock();
  const log = new InMemoryEventLog(partitions);
  const store = new InMemoryObjectStore();
  const seen: SeenInvocation[] = [];
  const consumer = log.consumer('realty-transform', clock.waitFor);

  async function run(
    settings: unknown,
    handler: Handler = () => undefined,
    extra: Partial<EventSourceMappingOptions> = {},
  ): Promise<EsmStats> {
    return runEventSourceMapping({
      consumer,
      settings: parseEsmSettings(settings),
      source: SOURCE,
      mode: 'drain',
      clock: clock.now,
      sleep: clock.sleep,
      newRequestId: () => `request-${seen.length}`,
      invoke: async (event) => {
        seen.push({ atMs: clock.now(), event, ids: idsOf(event) });
        return handler(event, seen.length);
      },
      ...extra,
    });
  }

  return { clock, log, store, consumer, seen, run };
}

export function idsOf(event: MskEvent): string[] {
  return Object.values(event.records).flatMap((group) =>
    group.map((r) => `${r.topic}-${r.partition}-${r.offset}`),
  );
}

/** `count` plain records for partition `partition`. */
export function records(
  partition: number,
  count: number,
  extra: { valueBytes?: number; timestamp?: number } = {},
) {
  return Array.from({ length: count }, () => ({ partition, ...extra }));
}
