import * as v from 'valibot';
import { ConfigError } from '../../../errors.js';

const nonEmpty = v.pipe(v.string(), v.minLength(1, 'must not be empty'));
const int = (min: number, max: number) =>
  v.pipe(
    v.number(),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const BROKER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
const broker = v.pipe(
  v.string(),
  v.regex(BROKER, 'must be host:port (an IPv6 host in brackets)'),
  v.check(
    (address) => Number(address.slice(address.lastIndexOf(':') + 1)) <= 65535,
    'port must be at most 65535',
  ),
);

const tlsSchema = v.strictObject({
  /** PEM of the CA that signed the brokers' certificates; the system CAs when absent. */
  ca: v.optional(nonEmpty),
  servername: v.optional(nonEmpty),
  rejectUnauthorized: v.optional(v.boolean(), true),
});

const saslSchema = v.variant('mechanism', [
  v.strictObject({ mechanism: v.literal('SCRAM-SHA-512'), username: nonEmpty, password: nonEmpty }),
  v.strictObject({
    mechanism: v.literal('OAUTHBEARER'),
    provider: v.literal('msk-iam'),
    region: v.pipe(
      v.string(),
      v.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as eu-west-1'),
    ),
  }),
]);

const producerSchema = v.strictObject({
  // snappy: in this client it compresses listing JSON faster (138 vs 57 MB/s) and smaller (0.26 vs 0.36)
  // than its pure-JS lz4; zstd is smallest (0.15) but 5x slower (docs/kafka.md).
  compression: v.optional(v.picklist(['none', 'gzip', 'snappy', 'lz4', 'zstd']), 'snappy'),
  /** How long a partly filled send waits for more records (Kafka's linger.ms). */
  lingerMs: v.optional(int(0, 60_000), 5),
  /** Most records in one produce request. */
  batchRecords: v.optional(int(1, 100_000), 600),
  /** Most uncompressed bytes of one partition's batch: under MSK's default message.max.bytes (1,048,588). */
  batchBytes: v.optional(int(1024, 16 * 1024 * 1024), 1_000_000),
  /** Produce requests in flight, of different partitions (one per partition: send-queue.ts says why). */
  maxInFlight: v.optional(int(1, 5), 4),
});

const consumerSchema = v.strictObject({
  sessionTimeoutMs: v.optional(int(1_000, 3_600_000), 30_000),
  heartbeatIntervalMs: v.optional(int(100, 60_000), 3_000),
  rebalanceTimeoutMs: v.optional(int(1_000, 3_600_000), 60_000),
  /** Most time one fetch/commit/offset lookup may take before the broker counts as gone (operation-deadline.ts). */
  operationTimeoutMs: v.optional(int(1_000, 3_600_000)),
});

const optionsSchema = v.strictObject({
  brokers: v.pipe(v.array(broker), v.minLength(1, 'must list at least one broker')),
  clientId: v.optional(nonEmpty, 'realty-pipeline'),
  tls: v.optional(v.union([v.boolean(), tlsSchema]), false),
  sasl: v.optional(saslSchema),
  /** Plaintext to a non-loopback broker, e.g. a lab network; never for MSK. */
  allowPlaintext: v.optional(v.boolean(), false),
  connectTimeoutMs: v.optional(int(100, 300_000), 5_000),
  requestTimeoutMs: v.optional(int(100, 900_000), 30_000),
  /** Retries of a failed request, e.g. while a broker restarts; with retryDelayMs about 10 s in all. */
  retries: v.optional(int(0, 1_000), 20),
  retryDelayMs: v.optional(int(0, 60_000), 500),
  producer: v.optional(producerSchema, {}),
  consumer: v.optional(consumerSchema, {}),
});

/** Options of the Kafka bus as callers write them (defaults omitted). */
export type KafkaBusOptions = v.InferInput<typeof optionsSchema>;
type Parsed = v.InferOutput<typeof optionsSchema>;
export type KafkaTls = false | Exclude<Parsed['tls'], boolean>;
export type KafkaSasl = NonNullable<Parsed['sasl']>;
/** Validated options with every default filled in. */
export type ResolvedKafkaOptions = Omit<Parsed, 'tls'> & { tls: KafkaTls };
export type KafkaCompression = ResolvedKafkaOptions['producer']['compression'];

/** Validates the Kafka bus options once, at the edge; a ConfigError lists every problem and never a value. */
export function parseKafkaBusOptions(input: unknown): ResolvedKafkaOptions {
  const result = v.safeParse(optionsSchema, input);
  if (!result.success) {
    const problems = result.issues.map(describeIssue);
    throw new ConfigError(`invalid Kafka options:\n  - ${problems.join('\n  - ')}`);
  }
  const { tls, ...rest } = result.output;
  const options: ResolvedKafkaOptions = { ...rest, tls: tls === true ? { rejectUnauthorized: true } : tls };
  checkTransport(options);
  return options;
}

/** True for addresses that never leave the machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare === '::1') return true;
  const octets = bare.split('.');
  return (
    octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/** The host part of `host:port`. */
export function brokerHost(address: string): string {
  return address.slice(0, address.lastIndexOf(':'));
}

function checkTransport(options: ResolvedKafkaOptions): void {
  if (options.sasl?.mechanism === 'OAUTHBEARER' && options.tls === false) {
    throw new ConfigError(
      'MSK IAM authentication needs TLS (MSK serves IAM on its TLS listener, port 9098); give the brokers of that listener in REALTY_KAFKA_BROKERS',
    );
  }
  if (options.tls !== false || options.allowPlaintext) return;
  const remote = options.brokers.filter((address) => !isLoopbackHost(brokerHost(address)));
  if (remote.length > 0) {
    throw new ConfigError(
      `refusing plaintext Kafka to ${remote.join(', ')}: credentials and listings would cross the network unencrypted; ` +
        'use an encrypted listener (REALTY_KAFKA_AUTH=iam or scram: the TLS listeners of MSK), or set REALTY_KAFKA_ALLOW_PLAINTEXT=true (--kafka-allow-plaintext) for a trusted lab network',
    );
  }
}

// Issues name where and what was expected, never the received value: it may be a credential.
function describeIssue(issue: v.BaseIssue<unknown>): string {
  const where = v.getDotPath(issue) ?? 'options';
  if (issue.type === 'strict_object' && issue.expected === 'never') return `${where}: is not a known option`;
  if (issue.kind === 'validation') return `${where}: ${issue.message}`;
  return `${where}: expected ${issue.expected ?? 'a valid value'}`;
}
