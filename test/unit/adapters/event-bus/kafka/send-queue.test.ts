import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendQueue } from '../../../../../src/adapters/event-bus/kafka/send-queue.js';

interface Item {
  id: number;
  partition: number;
  bytes: number;
  timestamp: number;
}

const items = (from: number, count: number, partition = 0): Item[] =>
  Array.from({ length: count }, (_, i) => ({
    id: from + i,
    partition,
    bytes: 100,
    timestamp: 1_800_000_000_000,
  }));

/** A request sink that holds every request until the test completes it. */
function heldRequests() {
  const requests: { ids: number[]; complete: () => void }[] = [];
  const send = (batch: Item[]) =>
    new Promise<void>((resolve) => {
      requests.push({ ids: batch.map((item) => item.id), complete: resolve });
    });
  return { requests, send };
}

describe('createSendQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a full request at once and holds a partly filled one until linger expires', async () => {
    const sink = heldRequests();
    const queue = createSendQueue<Item>({
      limits: { batchRecords: 3, batchBytes: 10_000, lingerMs: 20, maxInFlight: 5 },
      send: sink.send,
    });

    queue.enqueue(items(0, 4));
    sink.requests[0]!.complete();
    await vi.advanceTimersByTimeAsync(0);
    const beforeLinger = sink.requests.map((r) => r.ids);
    await vi.advanceTimersByTimeAsync(20);

    expect(beforeLinger).toEqual([[0, 1, 2]]);
    expect(sink.requests.map((r) => r.ids)).toEqual([[0, 1, 2], [3]]);
  });

  it('keeps at most maxInFlight requests on the wire and sends the rest in order as they complete', async () => {
    const sink = heldRequests();
    const queue = createSendQueue<Item>({
      limits: { batchRecords: 2, batchBytes: 10_000, lingerMs: 0, maxInFlight: 2 },
      send: sink.send,
    });

    queue.enqueue([...items(0, 2, 0), ...items(2, 2, 1), ...items(4, 2, 2), ...items(6, 1, 3)]);
    const firstWave = sink.requests.length;
    sink.requests[0]!.complete();
    await vi.advanceTimersByTimeAsync(0);

    expect(firstWave).toBe(2);
    expect(sink.requests.map((r) => r.ids)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
  });

  // The idempotent client retries a failed request by itself (NOT_LEADER_OR_FOLLOWER on a new topic or during
  // a leader move) while later requests go ahead; a later batch of the same partition written first makes the
  // retry OUT_OF_ORDER_SEQUENCE_NUMBER, and the client then re-sends under a new producer id: records written
  // twice and out of order (reproduced on a real broker: test/integration/kafka-bus.test.ts). So a partition
  // has at most one request in flight, as the Java producer guarantees with max.in.flight=1.
  it('never has two requests of one partition in flight: the next waits for the previous to complete', async () => {
    const sink = heldRequests();
    const queue = createSendQueue<Item>({
      limits: { batchRecords: 2, batchBytes: 10_000, lingerMs: 0, maxInFlight: 4 },
      send: sink.send,
    });

    queue.enqueue(items(0, 5, 0));
    const whileFirstInFlight = sink.requests.map((r) => r.ids);
    sink.requests[0]!.complete();
    await vi.advanceTimersByTimeAsync(0);
    const afterFirst = sink.requests.map((r) => r.ids);

    expect(whileFirstInFlight).toEqual([[0, 1]]);
    expect(afterFirst).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('keeps requests of other partitions going while one partition waits, each partition in produce order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
        async (partitions, batchRecords, maxInFlight, picks) => {
          const sink = heldRequests();
          const queue = createSendQueue<Item>({
            limits: { batchRecords, batchBytes: 10_000, lingerMs: 0, maxInFlight },
            send: sink.send,
          });
          const open: { ids: number[]; complete: () => void }[] = [];
          let seen = 0;
          const watch = () => {
            for (; seen < sink.requests.length; seen++) open.push(sink.requests[seen]!);
            const busy = open.flatMap((r) => [...new Set(r.ids.map((id) => partitions[id]!))]);
            expect(new Set(busy).size).toBe(busy.length);
            expect(open.length).toBeLessThanOrEqual(maxInFlight);
          };

          queue.enqueue(partitions.map((partition, id) => ({ id, partition, bytes: 1, timestamp: 1 })));
          watch();
          for (let i = 0; open.length > 0; i++) {
            const [request] = open.splice((picks[i % picks.length] ?? 0) % open.length, 1);
            request!.complete();
            await vi.advanceTimersByTimeAsync(0);
            watch();
          }

          const sent = sink.requests.flatMap((r) => r.ids);
          expect([...sent].sort((a, b) => a - b)).toEqual(partitions.map((_, id) => id));
          for (const p of new Set(partitions)) {
            const inOrder = sent.filter((id) => partitions[id] === p);
            expect(inOrder).toEqual([...inOrder].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('cuts a request when a partition would pass batchBytes', async () => {
    const sink = heldRequests();
    const queue = createSendQueue<Item>({
      limits: { batchRecords: 100, batchBytes: 250, lingerMs: 0, maxInFlight: 5 },
      send: sink.send,
    });

    queue.enqueue([...items(0, 3, 0), ...items(3, 1, 1)]);
    sink.requests[0]!.complete();
    await vi.advanceTimersByTimeAsync(0);

    expect(sink.requests.map((r) => r.ids)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('reports drained only after the last request completes', async () => {
    const sink = heldRequests();
    const queue = createSendQueue<Item>({
      limits: { batchRecords: 10, batchBytes: 10_000, lingerMs: 5, maxInFlight: 1 },
      send: sink.send,
    });
    let drained = false;

    queue.enqueue(items(0, 3));
    void queue.drained().then(() => {
      drained = true;
    });
    await vi.advanceTimersByTimeAsync(5);
    const drainedWhileInFlight = drained;
    sink.requests[0]!.complete();
    await vi.advanceTimersByTimeAsync(0);

    expect(drainedWhileInFlight).toBe(false);
    expect(drained).toBe(true);
  });

  it('accepts a queue far longer than a function call can spread (200,000 records)', async () => {
    const sent: number[] = [];
    const queue = createSendQueue<Item>({
      limits: { batchRecords: 600, batchBytes: 1_000_000, lingerMs: 5, maxInFlight: 4 },
      send: async (batch) => {
        sent.push(batch.length);
      },
    });

    queue.enqueue(items(0, 200_000));
    await vi.advanceTimersByTimeAsync(10);
    await queue.drained();

    expect(sent.reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(Math.max(...sent)).toBe(600);
  });
});
