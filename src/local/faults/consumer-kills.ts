import { BusError } from '../../errors.js';
import type { EventConsumer } from '../../ports/event-bus.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { type EsmStats, emptyEsmStats } from '../esm-stats.js';
import { type EventSourceMappingOptions, runEventSourceMapping } from '../event-source-mapping.js';

export interface ConsumerKillOptions {
  /** How many times the mapping is killed before it may run to the end. */
  kills: number;
  random: () => number;
  /** A kill lands on one of the first this-many writes of a life (default 24, about one batch's objects). */
  maxWritesBeforeKill?: number;
}

/** The mapping's options, less the consumer: the killer opens a fresh one per life. */
export type SupervisedMappingOptions = Omit<EventSourceMappingOptions, 'consumer' | 'mode' | 'signal'> & {
  openConsumer: () => Promise<EventConsumer>;
  /** `drain` (default): until the group has committed to the end; `follow`: until `signal` aborts. */
  mode?: 'drain' | 'follow';
  signal?: AbortSignal;
};

export interface ConsumerKiller {
  /** The store the transform and the on-failure destination write through: dead once killed. */
  guardStore(store: ObjectStore): ObjectStore;
  /** Runs the mapping, killing it mid-batch as asked and restarting it from committed offsets. */
  run(options: SupervisedMappingOptions): Promise<{ stats: EsmStats; kills: number }>;
  /** Kills the current life at its next write, whatever the plan: for kills spread over time (the soak). */
  killAtNextWrite(): void;
  kills(): number;
}

interface Life {
  dead: boolean;
  /** Writes left before the kill; undefined when this life is not to be killed. */
  writesLeft: number | undefined;
  controller: AbortController;
}

/**
 * Kills the event source mapping as a crashed Lambda poller dies: at a random write of a batch (the write
 * itself lands or not), after which nothing the dead process does reaches the store or the group's
 * offsets. A new poller then starts from the committed offsets, so the batch is delivered again.
 */
export function createConsumerKiller(options: ConsumerKillOptions): ConsumerKiller {
  const maxWrites = options.maxWritesBeforeKill ?? 24;
  let killed = 0;
  let life: Life = { dead: false, writesLeft: undefined, controller: new AbortController() };
  const gone = (what: string) =>
    new BusError(`the transform process was killed (injected fault); ${what} never happened`);

  function die(): void {
    life.dead = true;
    killed += 1;
    life.controller.abort();
  }

  function guardConsumer(consumer: EventConsumer): EventConsumer {
    return {
      fetch: (limits) => consumer.fetch(limits),
      seek: (position) => consumer.seek(position),
      commit: async (positions) => {
        if (life.dead) throw gone('the commit');
        await consumer.commit(positions);
      },
      committed: () => consumer.committed(),
      endOffsets: () => consumer.endOffsets(),
      close: () => consumer.close(),
    };
  }

  return {
    guardStore: (store) => ({
      async put(key, body, putOptions) {
        if (life.dead) throw gone(`the write of ${key}`);
        if (life.writesLeft !== undefined && --life.writesLeft <= 0) {
          if (options.random() < 0.5) await store.put(key, body, putOptions);
          die();
          throw gone(`the acknowledgement of ${key}`);
        }
        await store.put(key, body, putOptions);
      },
      get: (key) => store.get(key),
      list: (prefix) => store.list(prefix),
      delete: (keys) => store.delete(keys),
      uri: (key) => store.uri(key),
    }),

    async run(supervised) {
      const { openConsumer, mode = 'drain', signal: stop, ...mapping } = supervised;
      const stats = mapping.stats ?? emptyEsmStats();
      for (;;) {
        const planned = killed < options.kills ? 1 + Math.floor(options.random() * maxWrites) : undefined;
        life = { dead: false, writesLeft: planned, controller: new AbortController() };
        const signal = stop ? AbortSignal.any([stop, life.controller.signal]) : life.controller.signal;
        const consumer = await openConsumer();
        try {
          await runEventSourceMapping({ ...mapping, stats, consumer: guardConsumer(consumer), mode, signal });
        } catch (error) {
          if (!life.dead) throw error;
        } finally {
          await consumer.close();
        }
        if (!life.dead || stop?.aborted) return { stats, kills: killed };
      }
    },

    killAtNextWrite: () => {
      life.writesLeft = 1;
    },

    kills: () => killed,
  };
}
