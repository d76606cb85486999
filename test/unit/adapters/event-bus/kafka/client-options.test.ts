import { describe, expect, it } from 'vitest';
import { clientOptions } from '../../../../../src/adapters/event-bus/kafka/client-options.js';
import { parseKafkaBusOptions } from '../../../../../src/adapters/event-bus/kafka/kafka-options.js';

describe('clientOptions', () => {
  it('connects in plaintext without SASL to a loopback broker and never creates topics on first use', () => {
    const options = parseKafkaBusOptions({ brokers: ['127.0.0.1:9092'] });

    const client = clientOptions(options);

    expect(client.bootstrapBrokers).toEqual(['127.0.0.1:9092']);
    expect(client.tls).toBeUndefined();
    expect(client.sasl).toBeUndefined();
    expect(client.autocreateTopics).toBe(false);
  });

  it('verifies the broker certificate and sends SNI when TLS is on', () => {
    const options = parseKafkaBusOptions({ brokers: ['b-1.msk.example.com:9094'], tls: { ca: 'PEM' } });

    const client = clientOptions(options);

    expect(client.tls).toEqual({ rejectUnauthorized: true, ca: 'PEM' });
    expect(client.tlsServerName).toBe(true);
  });

  it('passes SCRAM-SHA-512 credentials to the client', () => {
    const options = parseKafkaBusOptions({
      brokers: ['b-1.msk.example.com:9096'],
      tls: true,
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'realty', password: 'pw' },
    });

    const client = clientOptions(options);

    expect(client.sasl).toEqual({ mechanism: 'SCRAM-SHA-512', username: 'realty', password: 'pw' });
  });

  it('authenticates to MSK IAM with OAUTHBEARER and a token signed for the configured region', async () => {
    const options = parseKafkaBusOptions({
      brokers: ['b-1.msk.example.com:9098'],
      tls: true,
      sasl: { mechanism: 'OAUTHBEARER', provider: 'msk-iam', region: 'eu-west-1' },
    });
    const awsCredentials = async () => ({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'example-secret',
    });

    const client = clientOptions(options, { awsCredentials });
    const token = client.sasl?.token;
    const signed = typeof token === 'function' ? await token() : token;

    expect(client.sasl?.mechanism).toBe('OAUTHBEARER');
    expect(new URL(Buffer.from(String(signed), 'base64url').toString()).hostname).toBe(
      'kafka.eu-west-1.amazonaws.com',
    );
  });
});
