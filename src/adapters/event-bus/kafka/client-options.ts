import type { BaseOptions, SASLOptions } from '@platformatic/kafka';
import type { ResolvedKafkaOptions } from './kafka-options.js';
import { type AwsCredentialsProvider, createMskIamTokenProvider } from './msk-iam-token.js';

export interface ClientOptionsExtras {
  /** Credentials for MSK IAM signing; the AWS SDK's default chain when absent. */
  awsCredentials?: AwsCredentialsProvider;
}

/** The connection part of every @platformatic/kafka client (producer, consumer, admin) of one bus. */
export function clientOptions(options: ResolvedKafkaOptions, extras: ClientOptionsExtras = {}): BaseOptions {
  const base: BaseOptions = {
    clientId: options.clientId,
    bootstrapBrokers: options.brokers,
    connectTimeout: options.connectTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    // The broker-side wait of a produce request (Kafka's request.timeout.ms for acks=all).
    timeout: options.requestTimeoutMs,
    retries: options.retries,
    retryDelay: options.retryDelayMs,
    // Topics are created on purpose with their partition count (ensureTopic), never on first use.
    autocreateTopics: false,
  };
  if (options.tls !== false) {
    const { ca, servername, rejectUnauthorized } = options.tls;
    base.tls = { rejectUnauthorized, ...(ca === undefined ? {} : { ca }) };
    // SNI: the broker's host name unless one is given (MSK certificates name each broker).
    base.tlsServerName = servername ?? true;
  }
  const sasl = saslOptions(options, extras);
  if (sasl) base.sasl = sasl;
  return base;
}

function saslOptions(options: ResolvedKafkaOptions, extras: ClientOptionsExtras): SASLOptions | undefined {
  const sasl = options.sasl;
  if (!sasl) return undefined;
  if (sasl.mechanism === 'SCRAM-SHA-512') {
    return { mechanism: 'SCRAM-SHA-512', username: sasl.username, password: sasl.password };
  }
  const token = createMskIamTokenProvider({
    region: sasl.region,
    ...(extras.awsCredentials ? { credentials: extras.awsCredentials } : {}),
  });
  return { mechanism: 'OAUTHBEARER', token };
}
