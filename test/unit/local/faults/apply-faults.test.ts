import { describe, expect, it } from 'vitest';
import { applyFaults } from '../../../../src/local/faults/apply-faults.js';
import { NO_FAULT_SPEC, parseFaultSpec } from '../../../../src/local/faults/fault-spec.js';
import type { EventProducer } from '../../../../src/ports/event-bus.js';
import { InMemoryObjectStore } from '../../../helpers/in-memory-object-store.js';

const producer: EventProducer = {
  ensureTopic: async () => undefined,
  produce: async () => [],
  close: async () => undefined,
};

describe('applyFaults', () => {
  it('leaves the API, the producer and the store as they are when no fault is on', async () => {
    const session = applyFaults(NO_FAULT_SPEC, { seed: 42 });
    const store = new InMemoryObjectStore();

    const api = await session.wrapApi('http://127.0.0.1:1234');
    await session.wrapTransformStore(store).put('a', new Uint8Array([1]));

    expect(api.url).toBe('http://127.0.0.1:1234');
    expect(session.wrapProducer(producer)).toBe(producer);
    expect(store.objects.has('a')).toBe(true);
    expect(session.report()).toEqual({ spec: '', api: null, store: null, consumerKills: 0, poisoned: 0 });
  });

  it('hands the sandbox its own fault rates and keeps slow answers inside the client timeout', () => {
    const session = applyFaults(
      parseFaultSpec('api5xx=0.1,malformed=0.02,truncated=0.03,reset=0.04,slow=0.05,drift=0.06'),
      {
        seed: 1,
      },
    );

    expect(session.sandboxOptions).toEqual({
      faults: {
        serverError: 0.1,
        malformed: 0.02,
        truncated: 0.03,
        reset: 0.04,
        slow: 0.05,
        schemaDrift: 0.06,
      },
      slowMs: 1500,
    });
  });

  it('meets the same faults again for the same seed', async () => {
    const outcomes = async () => {
      const session = applyFaults(parseFaultSpec('store-fail=0.5'), { seed: 7 });
      const store = session.wrapTransformStore(new InMemoryObjectStore());
      const results: boolean[] = [];
      for (let i = 0; i < 20; i += 1) {
        results.push(
          await store.put(`k${i}`, new Uint8Array([i])).then(
            () => true,
            () => false,
          ),
        );
      }
      return results;
    };

    expect(await outcomes()).toEqual(await outcomes());
  });
});
