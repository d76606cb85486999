import { describe, expect, it } from 'vitest';
import { createKafkaBus } from '../../../../../src/adapters/event-bus/kafka-bus.js';
import { ConfigError } from '../../../../../src/errors.js';

describe('createKafkaBus', () => {
  it('refuses plaintext to a non-loopback broker before opening any connection', () => {
    const create = () => createKafkaBus({ brokers: ['kafka.internal.example:9092'] });

    expect(create).toThrow(ConfigError);
  });

  it('keeps the validated options, defaults filled in, for the runtime to report', () => {
    const bus = createKafkaBus({ brokers: ['127.0.0.1:9092'], producer: { compression: 'zstd' } });

    expect(bus.options.producer).toMatchObject({ compression: 'zstd', maxInFlight: 4 });
    expect(bus.options.clientId).toBe('realty-pipeline');
  });
});
