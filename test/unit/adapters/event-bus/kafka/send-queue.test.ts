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

    queue.enqueue(items(0, 7));
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

  it('cuts a request when a partition would pass batchBytes', () => {
    const sink = heldRequests();
    const queue = createSendQueue<Item>({
      limits: { batchRecords: 100, batchBytes: 250, lingerMs: 0, maxInFlight: 5 },
      send: sink.send,
    });

    queue.enqueue([...items(0, 3, 0), ...items(3, 1, 1)]);

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
