import type { EventProducer } from '../../ports/event-bus.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { EsmStats } from '../esm-stats.js';
import type { SandboxOptions } from '../sandbox/sandbox.js';
import { createRng, hash3 } from '../sandbox/seeded-random.js';
import { type ApiFaultProxy, type ApiFaultStats, startApiFaultProxy } from './api-fault-proxy.js';
import { createConsumerKiller, type SupervisedMappingOptions } from './consumer-kills.js';
import { describeFaultSpec, type FaultSpec } from './fault-spec.js';
import { withPoison } from './poison-producer.js';
import { type StoreFaultStats, withStoreFaults } from './store-faults.js';

/** What the faults did over one run, for the run summary. */
export interface FaultReport {
  spec: string;
  api: ApiFaultStats | null;
  store: StoreFaultStats | null;
  consumerKills: number;
  poisoned: number;
}

/** The faults of one spec, ready to be put around the run's parts; every wrapper is the identity when its fault is off. */
export interface FaultSession {
  readonly spec: FaultSpec;
  /** Spread into startSandbox: its own faults (5xx, resets, truncated and malformed bodies, slow answers, drift). */
  readonly sandboxOptions: Pick<SandboxOptions, 'faults' | 'slowMs'>;
  /** Puts the 429/timeout proxy in front of a loopback API when those faults are on. */
  wrapApi(url: string): Promise<{ url: string; close(): Promise<void> }>;
  /** Spoils produced values at the poison rate. */
  wrapProducer(producer: EventProducer): EventProducer;
  /** The transform's store: injected write failures and slow writes, and dead after a consumer kill. */
  wrapTransformStore(store: ObjectStore): ObjectStore;
  /** The on-failure destination: dead after a consumer kill; no write faults, as the trigger does not retry it. */
  wrapOnFailureStore(store: ObjectStore): ObjectStore;
  /** Drains the log through the transform, killing the mapping kill-consumer times mid-batch. */
  runEventSourceMapping(options: SupervisedMappingOptions): Promise<EsmStats>;
  report(): FaultReport;
}

// A slow answer stays inside the client's default 10 s timeout: slow, not lost.
const SLOW_ANSWER_MS = 1_500;

/** Builds the fault session of `spec`; draws are seeded (spec.seed, else `seed`), so a run meets the same faults again. */
export function applyFaults(spec: FaultSpec, options: { seed: number }): FaultSession {
  const seed = spec.seed ?? options.seed;
  const stream = (salt: number) => {
    const rng = createRng(hash3(seed, salt, 0xfa17));
    return () => rng.next();
  };
  const killer = createConsumerKiller({ kills: spec.killConsumer, random: stream(1) });
  let proxy: ApiFaultProxy | undefined;
  let store: ReturnType<typeof withStoreFaults> | undefined;
  let poisoned: ReturnType<typeof withPoison> | undefined;
  return {
    spec,
    sandboxOptions: {
      faults: {
        serverError: spec.api5xx,
        reset: spec.reset,
        truncated: spec.truncated,
        malformed: spec.malformed,
        slow: spec.slow,
        schemaDrift: spec.drift,
      },
      slowMs: SLOW_ANSWER_MS,
    },
    async wrapApi(url) {
      if (spec.api429 === 0 && spec.timeout === 0) return { url, close: async () => undefined };
      proxy = await startApiFaultProxy({
        target: url,
        tooManyRate: spec.api429,
        timeoutRate: spec.timeout,
        random: stream(2),
      });
      return { url: proxy.url, close: () => (proxy as ApiFaultProxy).close() };
    },
    wrapProducer(producer) {
      if (spec.poison === 0) return producer;
      poisoned = withPoison(producer, { rate: spec.poison, random: stream(3) });
      return poisoned;
    },
    wrapTransformStore(inner) {
      const guarded = killer.guardStore(inner);
      if (spec.storeFail === 0 && spec.storeSlow === 0) return guarded;
      store = withStoreFaults(guarded, {
        failRate: spec.storeFail,
        slowRate: spec.storeSlow,
        slowMs: spec.storeSlowMs,
        random: stream(4),
      });
      return store;
    },
    wrapOnFailureStore: (inner) => killer.guardStore(inner),
    runEventSourceMapping: async (mapping) => (await killer.run(mapping)).stats,
    report: () => ({
      spec: describeFaultSpec(spec),
      api: proxy?.stats() ?? null,
      store: store?.stats() ?? null,
      consumerKills: killer.kills(),
      poisoned: poisoned?.poisoned() ?? 0,
    }),
  };
}
