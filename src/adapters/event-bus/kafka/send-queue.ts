import { planSend, type SendLimits } from './send-plan.js';

export interface SendQueueOptions<T> {
  limits: SendLimits & {
    /** How long a partly filled request waits for more records (Kafka's linger.ms). */
    lingerMs: number;
    /** Requests in flight at once, of different partitions (a partition has at most one). */
    maxInFlight: number;
  };
  /** Sends one request and settles its items itself; must not reject. */
  send: (items: T[]) => Promise<void>;
}

export interface SendQueue<T> {
  enqueue(items: readonly T[]): void;
  /** Resolves once nothing is queued or in flight. */
  drained(): Promise<void>;
}

/**
 * Kafka's producer accumulator in small: records queue up, full requests leave at once, a partly
 * filled one leaves after lingerMs, and at most maxInFlight requests are on the wire. Requests are cut
 * from the head of the queue, so the records of a partition leave in the order they were produced.
 *
 * A partition has at most one request in flight: the next request holding it waits at the head until
 * that one settles. The idempotent client retries a failed request by itself while later requests go
 * ahead, so a later batch of the partition could be written first; the retry then fails with
 * OUT_OF_ORDER_SEQUENCE_NUMBER and the client re-sends it under a new producer id, which the broker
 * cannot deduplicate: records written twice and out of order. (The client already puts one request at a
 * time on each broker connection for an idempotent producer, so little overlap is lost.)
 */
export function createSendQueue<T extends { partition: number; bytes: number; timestamp: number }>(
  options: SendQueueOptions<T>,
): SendQueue<T> {
  const { limits, send } = options;
  let queue: T[] = [];
  let head = 0;
  let inFlight = 0;
  const busy = new Set<number>();
  let lingerDue = limits.lingerMs === 0;
  let timer: NodeJS.Timeout | undefined;
  let waiters: (() => void)[] = [];

  const pump = (): void => {
    while (inFlight < limits.maxInFlight && head < queue.length) {
      const count = planSend(queue, limits, head);
      const full = head + count < queue.length || count === limits.batchRecords;
      if (!full && !lingerDue) {
        timer ??= setTimeout(onLinger, limits.lingerMs);
        return;
      }
      const items = queue.slice(head, head + count);
      if (items.some((item) => busy.has(item.partition))) return;
      dispatch(items);
      head += count;
    }
    if (head === queue.length) settleIdle();
    else if (head > 4096 && head * 2 > queue.length) {
      // Drop what has left, so a queue that never runs dry does not grow without end.
      queue = queue.slice(head);
      head = 0;
    }
  };

  const onLinger = (): void => {
    timer = undefined;
    lingerDue = true;
    pump();
  };

  const settleIdle = (): void => {
    queue = [];
    head = 0;
    clearTimeout(timer);
    timer = undefined;
    lingerDue = limits.lingerMs === 0;
    if (inFlight > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const dispatch = (items: T[]): void => {
    const partitions = new Set(items.map((item) => item.partition));
    for (const partition of partitions) busy.add(partition);
    inFlight += 1;
    void send(items).finally(() => {
      for (const partition of partitions) busy.delete(partition);
      inFlight -= 1;
      pump();
    });
  };

  return {
    enqueue(items) {
      for (const item of items) queue.push(item);
      pump();
    },
    drained() {
      if (head === queue.length && inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
