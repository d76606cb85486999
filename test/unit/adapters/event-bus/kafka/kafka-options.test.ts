import { describe, expect, it } from 'vitest';
import {
  isLoopbackHost,
  parseKafkaBusOptions,
} from '../../../../../src/adapters/event-bus/kafka/kafka-options.js';
import { ConfigError } from '../../../../../src/errors.js';

describe('parseKafkaBusOptions', () => {
  it('accepts plaintext to loopback brokers and fills the producer and consumer defaults', () => {
    const input = { brokers: ['127.0.0.1:9092', 'localhost:9093', '[::1]:9094'] };

    const options = parseKafkaBusOptions(input);

    expect(options.brokers).toEqual(['127.0.0.1:9092', 'localhost:9093', '[::1]:9094']);
    expect(options.tls).toBe(false);
    expect(options.producer.maxInFlight).toBeLessThanOrEqual(5);
    expect(options.producer.compression).toBe('snappy');
    expect(options.consumer.sessionTimeoutMs).toBeGreaterThan(options.consumer.heartbeatIntervalMs);
  });

  it('refuses plaintext to a non-loopback broker with a ConfigError saying to enable TLS', () => {
    const input = { brokers: ['127.0.0.1:9092', 'b-1.msk.example.com:9094'] };

    const parse = () => parseKafkaBusOptions(input);

    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/plaintext.*b-1\.msk\.example\.com:9094.*REALTY_KAFKA_ALLOW_PLAINTEXT/is);
  });

  it('accepts plaintext to a non-loopback broker only when allowPlaintext says so', () => {
    const input = { brokers: ['10.0.0.7:9092'], allowPlaintext: true };

    const options = parseKafkaBusOptions(input);

    expect(options.tls).toBe(false);
  });

  it('accepts a non-loopback broker over TLS with SCRAM-SHA-512', () => {
    const input = {
      brokers: ['b-1.msk.example.com:9096'],
      tls: true,
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'realty', password: 'pw' },
    };

    const options = parseKafkaBusOptions(input);

    expect(options.tls).toEqual({ rejectUnauthorized: true });
    expect(options.sasl).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'realty', password: 'pw' });
  });

  it('requires TLS for MSK IAM, which MSK serves only on its TLS listener', () => {
    const input = {
      brokers: ['127.0.0.1:9098'],
      sasl: { mechanism: 'OAUTHBEARER', provider: 'msk-iam', region: 'eu-west-1' },
    };

    const parse = () => parseKafkaBusOptions(input);

    expect(parse).toThrow(/MSK IAM.*tls/is);
  });

  it('never repeats a SCRAM password in its errors', () => {
    const secret = 'hunter2-very-secret';
    const input = {
      brokers: ['b-1.msk.example.com:9096'],
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'realty', password: secret, extra: secret },
      producer: { compression: secret },
    };

    const error = catchError(() => parseKafkaBusOptions(input));

    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error?.message)).not.toContain(secret);
  });

  it('names every problem: unknown keys, a broker without a port, more in-flight sends than idempotence allows', () => {
    const input = { brokers: ['kafka-without-port'], colour: 'blue', producer: { maxInFlight: 6 } };

    const error = catchError(() => parseKafkaBusOptions(input));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/colour.*not a known option/);
    expect(error?.message).toMatch(/brokers\.0.*host:port/);
    expect(error?.message).toMatch(/producer\.maxInFlight/);
  });

  it('rejects an empty broker list', () => {
    const parse = () => parseKafkaBusOptions({ brokers: [] });

    expect(parse).toThrow(/brokers.*at least one/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['0.0.0.0', false],
  ])('says %s is loopback: %s', (host, expected) => {
    const loopback = isLoopbackHost(host);

    expect(loopback).toBe(expected);
  });
});

function catchError(action: () => unknown): Error | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
