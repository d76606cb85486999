import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseKafkaBusOptions } from '../../../../../src/adapters/event-bus/kafka/kafka-options.js';
import {
  operationBudgetMs,
  withDeadline,
} from '../../../../../src/adapters/event-bus/kafka/operation-deadline.js';
import { BusError } from '../../../../../src/errors.js';

describe('withDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves with the answer of an operation that settles in time', async () => {
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('committed'), 900));

    const settled = withDeadline(work, 1_000, () => new BusError('too late'));
    await vi.advanceTimersByTimeAsync(900);

    await expect(settled).resolves.toBe('committed');
  });

  it("rejects with the operation's own error when it fails in time", async () => {
    const work = Promise.reject(new BusError('NOT_COORDINATOR'));

    const settled = withDeadline(work, 1_000, () => new BusError('too late'));

    await expect(settled).rejects.toThrow('NOT_COORDINATOR');
  });

  it('rejects with the expiry error once the time is up, while the operation is still retrying', async () => {
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('committed'), 220_000));
    const expired = vi.fn(() => new BusError('no answer from the broker within 1000 ms'));

    const settled = withDeadline(work, 1_000, expired);
    const assessed = expect(settled).rejects.toThrow('no answer from the broker within 1000 ms');
    await vi.advanceTimersByTimeAsync(1_000);

    await assessed;
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('leaves no unhandled rejection when the operation fails after the deadline', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    const work = new Promise<string>((_, reject) => setTimeout(() => reject(new Error('closed')), 2_000));

    const settled = withDeadline(work, 1_000, () => new BusError('too late'));
    const assessed = expect(settled).rejects.toThrow('too late');
    await vi.advanceTimersByTimeAsync(2_000);
    await assessed;
    await vi.runAllTimersAsync();

    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('operationBudgetMs', () => {
  it('allows one request timeout plus every retry delay by default: 30 s + 20 x 500 ms', () => {
    const options = parseKafkaBusOptions({ brokers: ['127.0.0.1:9092'] });

    expect(operationBudgetMs(options)).toBe(40_000);
  });

  it('follows the retry settings it is derived from', () => {
    const options = parseKafkaBusOptions({
      brokers: ['127.0.0.1:9092'],
      requestTimeoutMs: 5_000,
      retries: 4,
      retryDelayMs: 250,
    });

    expect(operationBudgetMs(options)).toBe(6_000);
  });

  it('takes the consumer operationTimeoutMs when it is set', () => {
    const options = parseKafkaBusOptions({
      brokers: ['127.0.0.1:9092'],
      consumer: { operationTimeoutMs: 12_000 },
    });

    expect(operationBudgetMs(options)).toBe(12_000);
  });
});
